import { describe, expect, it } from 'vitest'
import app from './app.ts'
import { createInstance } from './instance.ts'
import { memoryStore } from './session-store.ts'

const login = (target: { request: typeof app.request }) =>
  target.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"email":"ada@example.com"}',
  })

describe('lb-round-robin', () => {
  it('alternates instances, and an in-memory session works only on the instance that made it', async () => {
    const { token } = (await (await login(app)).json()) as { token: string }
    const auth = { headers: { Authorization: `Bearer ${token}` } }
    const answers = [await app.request('/me', auth), await app.request('/me', auth)]
    expect(answers.map((r) => r.headers.get('x-served-by')).sort()).toEqual(['a', 'b'])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401])
  })

  it('with one shared store, every instance knows the session', async () => {
    const shared = memoryStore()
    const [a, b] = [createInstance('a', shared), createInstance('b', shared)]
    const { token } = (await (await login(a)).json()) as { token: string }
    const res = await b.request('/me', { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
  })
})
