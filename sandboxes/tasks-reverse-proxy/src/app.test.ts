import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-reverse-proxy', () => {
  it('forwards /api/* to the app without the prefix, with its own forwarded headers', async () => {
    const res = await app.request('http://tasks.example/api/whoami', {
      headers: { 'X-Forwarded-Host': 'evil.example' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('via')).toBe('1.1 course-proxy')
    const seen = (await res.json()) as Record<string, string>
    expect(seen.pathSeenByApp).toBe('/whoami')
    expect(seen.forwardedHost).toBe('tasks.example')
    expect(seen.forwardedProto).toBe('http')
    expect(seen.requestId).toBe(res.headers.get('x-request-id'))
  })

  it('answers 504 when the app is too slow, and serves its own page', async () => {
    const slow = await app.request('/api/slow')
    expect(slow.status).toBe(504)
    expect((await app.request('/')).status).toBe(200)
    expect((await app.request('/api/tasks')).status).toBe(200)
  })
})
