import { Hono } from 'hono'
// You will need: import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

const app = new Hono()

// One demo account. A real app stores a slow salted hash, never the password itself.
const USERS = new Map([['ada', { password: 'correct horse battery staple', name: 'Ada Lovelace' }]])

// How long a session lasts: the cookie's Max-Age and the server's own expiry, one number.
const SESSION_SECONDS = 60 * 60

interface Session {
  user: string
  /** When the server stops accepting this session (ms since 1970), whatever the browser sends. */
  expiresAt: number
}

// Session id → session. Kept in memory here; a real app keeps sessions in a database or
// Redis, so they survive restarts and are shared by every server.
const sessions = new Map<string, Session>()

// A session from a login an hour and a minute ago, as a sessions table holds until something
// deletes it. Its cookie may still be out there (a browser that ignored Max-Age, a copy an
// attacker took), so the server must refuse it on its own clock.
export const EXPIRED_SESSION_ID = '5e55e55e-0000-4000-8000-0000000e4b1d'
sessions.set(EXPIRED_SESSION_ID, { user: 'ada', expiresAt: Date.now() - 60_000 })

app.post('/login', async (c) => {
  type Credentials = { user?: unknown; password?: unknown }
  const body: Credentials = await c.req.json<Credentials>().catch(() => ({}))
  const user = typeof body.user === 'string' ? body.user : ''
  if (USERS.get(user)?.password !== body.password) {
    return c.json({ error: 'Wrong user name or password' }, 401)
  }
  const id = crypto.randomUUID()
  sessions.set(id, { user, expiresAt: Date.now() + SESSION_SECONDS * 1000 })
  // TODO 1: give the browser the session id in a cookie named "session" that page scripts
  // cannot read (httpOnly), that travels over HTTPS only (secure), that other sites' requests
  // do not carry (sameSite: 'Lax'), for every path (path: '/'), for SESSION_SECONDS (maxAge,
  // in seconds). Hono: setCookie(c, name, value, options).
  return c.json({ user })
})

app.get('/me', (c) => {
  // TODO 2: read the "session" cookie (getCookie) and look it up in `sessions`. A session
  // whose expiresAt has passed is no session: delete it from `sessions`. Answer { user, name }
  // for a live session; 401 { error: 'Log in first' } otherwise.
  return c.json({ error: 'Log in first' }, 401)
})

app.post('/logout', (c) => {
  // TODO 3: forget the session on the server and delete the cookie (deleteCookie with path '/').
  return c.body(null, 204)
})

export default app
