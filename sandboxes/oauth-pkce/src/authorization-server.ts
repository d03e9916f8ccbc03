/**
 * A small authorization server (the "identity provider"), as Google or Okta would be. In
 * production it is another service on another host; here it is a second Hono app mounted at
 * /idp, and the tasks app calls its token endpoint with idp.fetch (the "back channel").
 * Only what the flow needs: one registered client, one user who is already signed in here and
 * approves every request, codes that work once for 60 seconds, PKCE S256 required.
 */
import { Hono } from 'hono'
import { challengeFor, randomToken } from './pkce.ts'

export const CLIENT_ID = 'tasks-app'
export const REDIRECT_URI = '/callback'
const SIGNED_IN_USER = { sub: 'u2', email: 'grace@example.com', name: 'Grace Hopper' }

interface PendingCode {
  clientId: string
  redirectUri: string
  challenge: string
  expiresAt: number
}
const codes = new Map<string, PendingCode>()

export const idp = new Hono()

// Front channel: the browser arrives here by redirect.
idp.get('/authorize', (c) => {
  const q = c.req.query()
  if (q.client_id !== CLIENT_ID || q.redirect_uri !== REDIRECT_URI) {
    // Never redirect to an unregistered address: that would hand codes to an attacker.
    return c.json({ error: 'invalid_client' }, 400)
  }
  if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge || !q.state) {
    return c.json(
      { error: 'invalid_request', error_description: 'code flow with S256 PKCE and a state required' },
      400,
    )
  }
  // A real server shows a login page and a consent screen here.
  const code = randomToken()
  codes.set(code, {
    clientId: q.client_id,
    redirectUri: q.redirect_uri,
    challenge: q.code_challenge,
    expiresAt: Date.now() + 60_000,
  })
  const back = new URLSearchParams({ code, state: q.state })
  return c.redirect(`${REDIRECT_URI}?${back}`, 302)
})

// Back channel: the tasks app's server calls this directly, never the browser.
idp.post('/token', async (c) => {
  const form = await c.req.parseBody()
  const code = typeof form.code === 'string' ? form.code : ''
  const pending = codes.get(code)
  codes.delete(code) // a code works once, even when the exchange fails
  if (!pending || pending.expiresAt < Date.now()) return c.json({ error: 'invalid_grant' }, 400)
  if (form.client_id !== pending.clientId || form.redirect_uri !== pending.redirectUri)
    return c.json({ error: 'invalid_grant' }, 400)
  // PKCE: only whoever started the flow knows the verifier whose hash was sent at /authorize.
  const verifier = typeof form.code_verifier === 'string' ? form.code_verifier : ''
  if ((await challengeFor(verifier)) !== pending.challenge)
    return c.json({ error: 'invalid_grant', error_description: 'PKCE verification failed' }, 400)
  // OpenID Connect would add a signed id_token (a JWT) here; the userinfo in the answer keeps this short.
  return c.json({
    access_token: randomToken(),
    token_type: 'Bearer',
    expires_in: 3600,
    userinfo: SIGNED_IN_USER,
  })
})
