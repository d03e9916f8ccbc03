import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

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

const COOKIE = 'session'

/**
 * The live session this request's cookie names, or undefined. Every route that needs a login
 * goes through here, so expiry is checked on every request, by the server's clock: Max-Age
 * only asks the browser to forget the cookie, and a copy of it ignores that.
 */
function currentSession(c: Context): Session | undefined {
  const id = getCookie(c, COOKIE)
  const session = id ? sessions.get(id) : undefined
  if (id && session && session.expiresAt <= Date.now()) {
    sessions.delete(id) // expired: gone for good, not just ignored
    return undefined
  }
  return session
}

app.post('/login', async (c) => {
  type Credentials = { user?: unknown; password?: unknown }
  const body: Credentials = await c.req.json<Credentials>().catch(() => ({}))
  const user = typeof body.user === 'string' ? body.user : ''
  if (USERS.get(user)?.password !== body.password) {
    return c.json({ error: 'Wrong user name or password' }, 401)
  }
  // A long random id that says nothing by itself: the session data stays on the server.
  const id = crypto.randomUUID()
  sessions.set(id, { user, expiresAt: Date.now() + SESSION_SECONDS * 1000 })
  // secure: sent over HTTPS only, so nobody on the network path reads it. Browsers treat
  // http://localhost as secure, so this works in development too. (The __Host- name prefix
  // would also make the browser insist on Secure, Path=/ and no Domain.)
  setCookie(c, COOKIE, id, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_SECONDS,
  })
  return c.json({ user })
})

app.get('/me', (c) => {
  const session = currentSession(c)
  if (!session) return c.json({ error: 'Log in first' }, 401)
  return c.json({ user: session.user, name: USERS.get(session.user)!.name })
})

app.post('/logout', (c) => {
  const id = getCookie(c, COOKIE)
  // Deleting the server-side session is what logs out: a copied cookie is worthless from now on.
  if (id) sessions.delete(id)
  deleteCookie(c, COOKIE, { path: '/', secure: true })
  return c.body(null, 204)
})

export default app
