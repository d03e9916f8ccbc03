import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import { describe, expect, test } from 'vitest'
import { CookieJar, defaultPath, isDeletion, parseSetCookie, pathMatches } from './cookie-jar.ts'

describe('parseSetCookie', () => {
  test('reads name, value and every attribute, case-insensitively', () => {
    expect(
      parseSetCookie(
        'sid=a b=c; path=/app; Max-Age=60; expires=Wed, 21 Oct 2026 07:28:00 GMT; DOMAIN=.x.test; secure; HTTPONLY; samesite=lax; Partitioned',
      ),
    ).toEqual({
      name: 'sid',
      value: 'a b=c',
      path: '/app',
      maxAge: 60,
      expires: 'Wed, 21 Oct 2026 07:28:00 GMT',
      domain: 'x.test',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      partitioned: true,
    })
  })

  test('ignores what RFC 6265 ignores: no "=", an empty name, a bad Max-Age or date', () => {
    expect(parseSetCookie('justtext')).toBeUndefined()
    expect(parseSetCookie('=v')).toBeUndefined()
    expect(parseSetCookie('a=1; Max-Age=soon; Expires=never')).toMatchObject({ name: 'a', value: '1' })
    expect(parseSetCookie('a=1; Max-Age=soon')!.maxAge).toBeUndefined()
  })

  test('deletions: Max-Age ≤ 0, or Expires in the past (Max-Age wins)', () => {
    const now = Date.parse('2026-12-01T00:00:00Z')
    expect(isDeletion(parseSetCookie('a=; Max-Age=0')!, now)).toBe(true)
    expect(isDeletion(parseSetCookie('a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT')!, now)).toBe(true)
    expect(isDeletion(parseSetCookie('a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=10')!, now)).toBe(
      false,
    )
    expect(isDeletion(parseSetCookie('a=1')!, now)).toBe(false)
  })
})

test('default path and path matching follow RFC 6265 §5.1.4', () => {
  expect(defaultPath('/')).toBe('/')
  expect(defaultPath('/login')).toBe('/')
  expect(defaultPath('/auth/login')).toBe('/auth')
  expect(pathMatches('/', '/me')).toBe(true)
  expect(pathMatches('/auth', '/auth')).toBe(true)
  expect(pathMatches('/auth', '/auth/me')).toBe(true)
  expect(pathMatches('/auth/', '/auth/me')).toBe(true)
  expect(pathMatches('/auth', '/authors')).toBe(false)
  expect(pathMatches('/auth', '/')).toBe(false)
})

describe('CookieJar', () => {
  test('overwrites by name and path, keeps the creation order, and deletes on Max-Age=0', () => {
    let now = 1000
    const jar = new CookieJar([], () => now)
    jar.store('a=1; Path=/', '/login')
    now++
    jar.store('b=2', '/login')
    now++
    jar.store('a=3; Path=/', '/x')
    expect(jar.header('/me')).toBe('a=3; b=2')
    jar.store('a=; Max-Age=0; Path=/', '/logout')
    expect(jar.header('/me')).toBe('b=2')
    // A deletion for another path leaves this one alone.
    jar.store('b=; Max-Age=0; Path=/other', '/')
    expect(jar.header('/me')).toBe('b=2')
  })

  test('sends a cookie only under its path, longest path first', () => {
    const jar = new CookieJar()
    jar.store('theme=dark', '/')
    jar.store('token=t; Path=/api', '/api/login')
    jar.store('scoped=s', '/api/v1/login')
    expect(jar.header('/api/v1/items?x=1')).toBe('scoped=s; token=t; theme=dark')
    expect(jar.header('/apiary')).toBe('theme=dark')
    expect(jar.get('token', '/')).toBeUndefined()
    expect(jar.get('token', '/api')?.value).toBe('t')
  })

  test('expires cookies by Max-Age and Expires', () => {
    let now = Date.parse('2026-12-01T00:00:00Z')
    const jar = new CookieJar([], () => now)
    jar.store('short=1; Max-Age=10', '/')
    jar.store('dated=1; Expires=Tue, 01 Dec 2026 00:01:00 GMT', '/')
    jar.store('session=1', '/')
    expect(jar.size).toBe(3)
    now += 11_000
    expect(jar.header('/')).toBe('dated=1; session=1')
    now += 60_000
    expect(jar.list().map((c) => c.name)).toEqual(['session'])
  })

  test('can be edited by hand, cleared, and restored from its JSON', () => {
    const jar = new CookieJar()
    jar.set({ name: 'session', value: 'abc' })
    jar.set({ name: 'session', value: 'def' })
    jar.set({ name: 'x', value: '1', path: '/admin' })
    const copy = new CookieJar(JSON.parse(JSON.stringify(jar)) as [])
    expect(copy.header('/admin/users')).toBe('x=1; session=def')
    copy.delete('x')
    expect(copy.header('/admin')).toBe('session=def')
    copy.clear()
    expect(copy.size).toBe(0)
  })

  test("stores what a real Hono app's setCookie sends", async () => {
    const app = new Hono()
    app.post('/auth/login', (c) => {
      setCookie(c, 'session', 's1', { httpOnly: true, sameSite: 'Strict', secure: true, maxAge: 60 })
      // Hono defaults Path to "/"; a raw header without one gets the default path (/auth).
      c.header('Set-Cookie', 'scoped=yes', { append: true })
      return c.body(null, 204)
    })
    const res = await app.request('/auth/login', { method: 'POST' })
    const jar = new CookieJar()
    jar.storeAll(res.headers.getSetCookie(), '/auth/login')
    expect(jar.list()).toMatchObject([
      { name: 'scoped', value: 'yes', path: '/auth' },
      { name: 'session', value: 's1', path: '/', httpOnly: true, secure: true, sameSite: 'Strict' },
    ])
    expect(jar.header('/auth/me')).toBe('scoped=yes; session=s1')
    expect(jar.header('/me')).toBe('session=s1')
  })
})
