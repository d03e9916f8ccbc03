// The starter's given parts (health, login, sessions); checks.ts proves the finished capstone.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

const login = (email: string, password: string) =>
  app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })

describe('capstone-bookings (given parts)', () => {
  it('is ready once the database answers', async () => {
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready' })
  })

  it('logs in with a session cookie that /me accepts', async () => {
    const res = await login('ada@example.com', 'correct horse battery staple')
    expect(res.status).toBe(204)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^session=[0-9a-f-]{36}; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax/)
    const me = await app.request('/me', { headers: { Cookie: cookie.split(';')[0]! } })
    expect(await me.json()).toEqual({ id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' })
  })

  it('answers the same 401 problem for a wrong password and an unknown email', async () => {
    const wrong = await login('ada@example.com', 'nope')
    const unknown = await login('nobody@example.com', 'nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    expect(wrong.headers.get('content-type')).toBe('application/problem+json')
  })
})
