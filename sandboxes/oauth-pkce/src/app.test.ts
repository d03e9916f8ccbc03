import { describe, expect, it, vi } from 'vitest'
import app from './app.ts'
import { challengeFor } from './pkce.ts'

describe('oauth-pkce (starter)', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('runs the code flow end to end and refuses a wrong code verifier', async () => {
    const start = await app.request('/login')
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!
    const authorize = await app.request(start.headers.get('location')!)
    expect(authorize.status).toBe(302)
    const callback = await app.request(authorize.headers.get('location')!, { headers: { Cookie: cookie } })
    expect(callback.status).toBe(200)
    expect(await callback.json()).toMatchObject({ signedInAs: { sub: 'u2' } })

    // A code is bound to its challenge: exchanging it with another verifier fails.
    const again = await app.request(start.headers.get('location')!)
    const code = new URL(again.headers.get('location')!, 'http://x').searchParams.get('code')!
    const token = await app.request('/idp/token', {
      method: 'POST',
      body: new URLSearchParams({
        code,
        client_id: 'tasks-app',
        redirect_uri: '/callback',
        code_verifier: 'guess',
      }),
    })
    expect(token.status).toBe(400)
  })

  it('answers a refused code with a generic error and logs what the authorization server said', async () => {
    const start = await app.request('/login')
    const state = new URL(start.headers.get('location')!, 'http://x').searchParams.get('state')!
    const logged: unknown[][] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args))
    try {
      const callback = await app.request(`/callback?code=made-up&state=${state}`)
      expect(callback.status).toBe(400)
      expect(await callback.json()).toEqual({ error: 'Sign-in failed' })
    } finally {
      spy.mockRestore()
    }
    expect(JSON.stringify(logged)).toContain('invalid_grant')
  })
})
