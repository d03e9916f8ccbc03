import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('hello-hono', () => {
  it('answers GET /hello with Hello, World! as plain text', async () => {
    const res = await app.request('/hello')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;\s*charset=UTF-8$/)
    expect(await res.text()).toBe('Hello, World!')
  })

  it('answers 404 for other paths', async () => {
    expect((await app.request('/goodbye')).status).toBe(404)
  })
})
