import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { CLIENT_ID, idp, REDIRECT_URI } from './authorization-server.ts'
import { challengeFor, randomToken } from './pkce.ts'

const app = new Hono()
app.route('/idp', idp) // the authorization server; elsewhere in production

// Flows in progress: state → code verifier. Kept on the server; the browser only holds the state.
const pending = new Map<string, string>()
const sessions = new Map<string, { sub: string; name: string }>()

// 1. Start: make a verifier and a state, remember them, send the browser to the authorization server.
app.get('/login', async (c) => {
  const state = randomToken()
  const verifier = randomToken()
  pending.set(state, verifier)
  // Binds this flow to this browser: the callback must come back to the same one.
  setCookie(c, 'oauth_state', state, { httpOnly: true, sameSite: 'Lax', path: '/callback', maxAge: 600 })
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid email',
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  })
  return c.redirect(`/idp/authorize?${query}`, 302)
})

// 2. The authorization server sends the browser back here with a code and the state.
app.get('/callback', async (c) => {
  const { code, state } = c.req.query()
  // The state must be this browser's (its cookie) and belong to a flow this server started.
  // Without this check an attacker can send you to /callback with THEIR code, and you end up
  // signed in to their account, typing your data into it: login CSRF.
  const expected = getCookie(c, 'oauth_state')
  deleteCookie(c, 'oauth_state', { path: '/callback' })
  const verifier = state ? pending.get(state) : undefined
  if (!state || state !== expected || !verifier) return c.json({ error: 'invalid_state' }, 400)
  pending.delete(state) // one use

  // 3. Exchange the code and the verifier for tokens, server to server.
  const answer = await idp.fetch(
    new Request('http://idp.internal/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code ?? '',
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      }),
    }),
  )
  if (!answer.ok) {
    // The detail is for the operator (the log), not the browser: what the authorization server
    // says can reveal the setup (client ids, redirect URIs, why a code failed) to whoever probes.
    console.error('token exchange failed', answer.status, await answer.text())
    return c.json({ error: 'Sign-in failed' }, 400)
  }
  const { userinfo } = (await answer.json()) as { userinfo: { sub: string; name: string } }

  // 4. The user is known: start our own session, as after a password login.
  const session = randomToken()
  sessions.set(session, userinfo)
  setCookie(c, 'session', session, { httpOnly: true, sameSite: 'Lax', secure: true, path: '/', maxAge: 3600 })
  return c.json({ signedInAs: userinfo })
})

app.get('/me', (c) => {
  const user = sessions.get(getCookie(c, 'session') ?? '')
  return user ? c.json(user) : c.json({ error: 'Log in first' }, 401)
})

export default app
