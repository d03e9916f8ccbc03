import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

const app = new Hono()

// One demo account. A real app stores a slow salted hash, never the password itself.
const USERS = new Map([['ada', { password: 'correct horse battery staple', name: 'Ada Lovelace' }]])

// Session id → user name. Kept in memory here; a real app keeps sessions in a database or
// Redis, so they survive restarts and are shared by every server.
const sessions = new Map<string, string>()

const COOKIE = 'session'

app.post('/login', async (c) => {
  type Credentials = { user?: unknown; password?: unknown }
  const body: Credentials = await c.req.json<Credentials>().catch(() => ({}))
  const user = typeof body.user === 'string' ? body.user : ''
  if (USERS.get(user)?.password !== body.password) {
    return c.json({ error: 'Wrong user name or password' }, 401)
  }
  // A long random id that says nothing by itself: the session data stays on the server.
  const id = crypto.randomUUID()
  sessions.set(id, user)
  // In production also `secure: true` (HTTPS only), or the __Host- prefix, which requires it.
  setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 60 * 60 })
  return c.json({ user })
})

app.get('/me', (c) => {
  const user = sessions.get(getCookie(c, COOKIE) ?? '')
  if (!user) return c.json({ error: 'Log in first' }, 401)
  return c.json({ user, name: USERS.get(user)!.name })
})

app.post('/logout', (c) => {
  const id = getCookie(c, COOKIE)
  // Deleting the server-side session is what logs out: a copied cookie is worthless from now on.
  if (id) sessions.delete(id)
  deleteCookie(c, COOKIE, { path: '/' })
  return c.body(null, 204)
})

export default app
