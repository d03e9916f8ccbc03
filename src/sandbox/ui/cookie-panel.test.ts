import { expect, test } from 'vitest'
import { cookieNameProblem, describeAttributes } from './cookie-panel.ts'

test('a cookie reads as the attributes that decide where it goes and how long it lives', () => {
  const base = { name: 'session', value: 's1', path: '/', secure: false, httpOnly: true, created: 0 }
  expect(describeAttributes({ ...base, sameSite: 'Lax', expiresAt: 3_540_000 }, 0)).toBe(
    'Path=/ · HttpOnly · SameSite=Lax · expires in 59 min',
  )
  expect(describeAttributes({ ...base, httpOnly: false, secure: true, path: '/api' }, 0)).toBe(
    'Path=/api · Secure · session cookie',
  )
  expect(describeAttributes({ ...base, expiresAt: 30_000 }, 0)).toBe('Path=/ · HttpOnly · expires in 30 s')
})

test('hand-made cookies need a token for a name', () => {
  expect(cookieNameProblem('session')).toBeUndefined()
  expect(cookieNameProblem('')).toBe('Give the cookie a name.')
  expect(cookieNameProblem('my session')).toMatch(/^"my session" is not a cookie name/)
})
