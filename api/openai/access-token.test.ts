import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { accessTokens, requireAccessToken } from './access-token.ts'
import { ProxyError } from './proxy-error.ts'

const SECRET = 'unit-test-secret-0123456789abcdefghij'

describe('accessTokens', () => {
  it('issues tokens that verify until they expire', async () => {
    let now = 1_000_000
    const tokens = accessTokens(SECRET, 60, () => now)
    const { token, expiresAt } = await tokens.issue('c_alice')
    expect(token).toMatch(/^ctk1\.[\w-]+\.[\w-]+$/)
    expect(expiresAt).toBe(1_000 + 60)
    expect(await tokens.verify(token, 'c_alice')).toBe('valid')
    now += 61_000
    expect(await tokens.verify(token, 'c_alice')).toBe('expired')
  })

  it('is bound to the client it was issued to', async () => {
    const tokens = accessTokens(SECRET, 60)
    const { token } = await tokens.issue('c_alice')
    expect(await tokens.verify(token, 'c_alice')).toBe('valid')
    expect(await tokens.verify(token, 'c_mallory')).toBe('other-client')
  })

  it('refuses tokens signed with another secret, altered, or malformed', async () => {
    const mine = accessTokens(SECRET, 60)
    const theirs = await accessTokens('another-secret-0123456789abcdefghijk', 60).issue('c')
    expect(await mine.verify(theirs.token, 'c')).toBe('invalid')
    const { token } = await mine.issue('c')
    const [prefix, payload, signature] = token.split('.')
    const forged = JSON.stringify({ iat: 0, exp: 9_999_999_999, sub: 'c', jti: 'x' })
    expect(await mine.verify(`${prefix}.${btoa(forged).replace(/=+$/, '')}.${signature}`, 'c')).toBe(
      'invalid',
    )
    for (const bad of [
      '',
      'ctk1',
      'ctk1..',
      `${prefix}.${payload}`,
      `${token}.x`,
      `ctk2.${payload}.${signature}`,
      'ctk1.a.%%%',
    ]) {
      expect(await mine.verify(bad, 'c'), bad).toBe('invalid')
    }
  })
})

describe('requireAccessToken', () => {
  it('lets a valid bearer token through and answers 401 otherwise', async () => {
    const tokens = accessTokens(SECRET, 60)
    const app = new Hono()
    app.use(
      requireAccessToken({
        tokens,
        tokenPath: '/api/openai/token',
        subject: (c) => c.req.header('x-client') ?? '',
      }),
    )
    app.get('/', (c) => c.text('ok'))
    app.onError((err, c) => (err instanceof ProxyError ? c.json(err.body, err.status) : c.text('?', 500)))
    const { token } = await tokens.issue('c_alice')
    const as = (client: string) => ({ authorization: `Bearer ${token}`, 'x-client': client })
    expect((await app.request('/', { headers: as('c_alice') })).status).toBe(200)
    const replayed = await app.request('/', { headers: as('c_mallory') })
    expect(replayed.status).toBe(401)
    expect(((await replayed.json()) as { error: { message: string } }).error.message).toContain(
      'another client',
    )
    const refused = await app.request('/', { headers: { authorization: 'Bearer sandbox' } })
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key')
    expect((await app.request('/')).status).toBe(401)
  })
})
