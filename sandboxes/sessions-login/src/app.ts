import { Hono } from 'hono'
// You will need: import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

const app = new Hono()

// One demo account. A real app stores a slow salted hash, never the password itself.
const USERS = new Map([['ada', { password: 'correct horse battery staple', name: 'Ada Lovelace' }]])

// Session id → user name. Kept in memory here; a real app keeps sessions in a database or
// Redis, so they survive restarts and are shared by every server.
const sessions = new Map<string, string>()

app.post('/login', async (c) => {
  type Credentials = { user?: unknown; password?: unknown }
  const body: Credentials = await c.req.json<Credentials>().catch(() => ({}))
  const user = typeof body.user === 'string' ? body.user : ''
  if (USERS.get(user)?.password !== body.password) {
    return c.json({ error: 'Wrong user name or password' }, 401)
  }
  const id = crypto.randomUUID()
  sessions.set(id, user)
  // TODO 1: give the browser the session id in a cookie named "session" that page scripts
  // cannot read (httpOnly), that other sites' requests do not carry (sameSite: 'Lax'), for
  // every path (path: '/'), for one hour (maxAge, in seconds). Hono: setCookie(c, name, value, options).
  return c.json({ user })
})

app.get('/me', (c) => {
  // TODO 2: read the "session" cookie (getCookie), look it up in `sessions`, and answer
  // { user, name } for a known session; 401 { error: 'Log in first' } otherwise.
  return c.json({ error: 'Log in first' }, 401)
})

app.post('/logout', (c) => {
  // TODO 3: forget the session on the server and delete the cookie (deleteCookie with path '/').
  return c.body(null, 204)
})

export default app
