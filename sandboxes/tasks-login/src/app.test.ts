// Tests of the starter and of the password module (checks.ts proves the finished exercise).
import { describe, expect, it } from 'vitest'
import app from './app.ts'
import { hashPassword, verifyPassword } from './passwords.ts'

const login = (email: string, password: string) =>
  app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })

describe('tasks-login', () => {
  it('hashes with a fresh salt each time and verifies only the right password', async () => {
    const [a, b] = [await hashPassword('s3cret!'), await hashPassword('s3cret!')]
    expect(a).not.toBe(b)
    expect(a).toMatch(/^pbkdf2-sha512\$210000\$/)
    expect(await verifyPassword('s3cret!', a)).toBe(true)
    expect(await verifyPassword('s3cret?', a)).toBe(false)
    expect(await verifyPassword('s3cret!', 'md5$whatever')).toBe(false)
  })

  it('logs Ada in with her password and refuses a wrong one', async () => {
    expect(await (await login('ada@example.com', 'correct horse battery staple')).json()).toEqual({
      id: 'u1',
      name: 'Ada Lovelace',
    })
    expect((await login('ada@example.com', 'nope')).status).toBe(401)
    expect((await app.request('/login', { method: 'POST', body: 'nope' })).status).toBe(400)
  })
})
