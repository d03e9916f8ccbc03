// Tests of the starter's authentication (checks.ts proves the finished authorization).
import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-ownership (starter)', () => {
  it('answers 401 without a session and lets a logged-in user read a task', async () => {
    expect((await app.request('/tasks/t3')).status).toBe(401)
    const login = await app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'grace@example.com', password: 'hunter2-but-longer' }),
    })
    expect(login.status).toBe(204)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    const res = await app.request('/tasks/t3', { headers: { Cookie: cookie } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: 't3', projectId: 'p2' })
  })
})
