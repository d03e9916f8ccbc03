// Tests of the starter (the exercise's checks in checks.ts prove the finished version).
import { describe, expect, it } from 'vitest'
import app from './app.ts'

function post(body: string) {
  return app.request('/hello', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
}

describe('hello-json-post (starter)', () => {
  it('greets the name sent as JSON', async () => {
    const res = await post('{"name":"Alice"}')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ message: 'Hello, Alice!' })
  })

  it('only answers POST', async () => {
    expect((await app.request('/hello')).status).toBe(404)
  })
})
