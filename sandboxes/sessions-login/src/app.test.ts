// Tests of the starter (the exercise's checks in checks.ts prove the finished version).
import { describe, expect, it } from 'vitest'
import app from './app.ts'

function login(password: string) {
  return app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'ada', password }),
  })
}

describe('sessions-login (starter)', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    expect((await login('correct horse battery staple')).status).toBe(200)
    expect((await login('guess')).status).toBe(401)
  })

  it('answers 401 on GET /me without a session', async () => {
    expect((await app.request('/me')).status).toBe(401)
  })
})
