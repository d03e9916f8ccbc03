import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import app from './app.ts'

async function loginCookie(): Promise<string> {
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'grace@example.com', password: 'hunter2-but-longer' }),
  })
  expect(res.status).toBe(204)
  const cookie = res.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/HttpOnly/)
  expect(cookie).toMatch(/SameSite=Lax/)
  return cookie.split(';')[0]!
}

describe('tasks-jwt', () => {
  it('logs in with a JWT cookie that /me accepts and anyone can decode', async () => {
    const cookie = await loginCookie()
    expect(await (await app.request('/me', { headers: { Cookie: cookie } })).json()).toEqual({
      id: 'u2',
      name: 'Grace Hopper',
      role: 'member',
    })
    const decoded = (await (await app.request('/me/token', { headers: { Cookie: cookie } })).json()) as {
      payload: { role: string }
    }
    expect(decoded.payload.role).toBe('member')
  })

  it('refuses no token, a forged one and a wrong password', async () => {
    expect((await app.request('/me')).status).toBe(401)
    const forged = await sign(
      { sub: 'u2', name: 'Grace Hopper', role: 'admin', exp: 9999999999 },
      'a-guessed-secret-that-is-long-enough!!',
      'HS256',
    )
    expect((await app.request('/me', { headers: { Cookie: `session=${forged}` } })).status).toBe(401)
    const wrong = await app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":"grace@example.com","password":"x"}',
    })
    expect(wrong.status).toBe(401)
  })
})
