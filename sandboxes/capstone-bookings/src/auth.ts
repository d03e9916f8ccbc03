/**
 * Logging in and out with a session cookie (topic 5), and requireUser, the middleware that
 * turns the cookie into the current user or answers 401. Given: the capstone's work is in
 * bookings.ts.
 */
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { db } from './db.ts'
import { verifyPassword } from './passwords.ts'
import { PROBLEM_TYPES, problem } from './problem.ts'

export interface CurrentUser {
  id: string
  name: string
  email: string
}

/** Routes behind requireUser can read c.get('user'). */
export type AuthEnv = { Variables: { user: CurrentUser } }

const SESSION_SECONDS = 8 * 3600
const COOKIE = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const

// Checked when the email is unknown, so an unknown email takes as long as a wrong password and
// the response time does not tell anyone which accounts exist.
const DUMMY_HASH = 'pbkdf2-sha512$210000$83OjHCR60HcWekhcmO08Cw==$BSaCPc1Cp6hXtxZ7AgkRoQRtKBiLJt37cnGoyxGKYn8='

export const auth = new Hono<AuthEnv>()

auth.post('/login', async (c) => {
  const body = (await c.req.json().catch(() => null)) as { email?: unknown; password?: unknown } | null
  if (typeof body?.email !== 'string' || typeof body.password !== 'string') {
    return problem(c, { title: 'Invalid login', status: 400, detail: 'Send {"email":"…","password":"…"}.' })
  }
  const { rows } = await db.query<{ id: string; password_hash: string | null }>(
    'SELECT id, password_hash FROM users WHERE email = $1',
    [body.email.trim().toLowerCase()],
  )
  const user = rows[0]
  const matches = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH)
  if (!user?.password_hash || !matches) {
    return problem(c, { type: `${PROBLEM_TYPES}login-failed`, title: 'Email or password is incorrect', status: 401 })
  }
  const session = crypto.randomUUID() // 122 random bits: not guessable
  const expires = new Date(Date.now() + SESSION_SECONDS * 1000).toISOString()
  await db.query('INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)', [session, user.id, expires])
  setCookie(c, 'session', session, { ...COOKIE, maxAge: SESSION_SECONDS })
  return c.body(null, 204)
})

auth.post('/logout', async (c) => {
  const session = getCookie(c, 'session')
  if (session) await db.query('DELETE FROM sessions WHERE id = $1', [session])
  deleteCookie(c, 'session', COOKIE)
  return c.body(null, 204)
})

export const requireUser = createMiddleware<AuthEnv>(async (c, next) => {
  const session = getCookie(c, 'session')
  const { rows } = session
    ? await db.query<CurrentUser>(
        `SELECT u.id, u.name, u.email FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.expires_at > now()`,
        [session],
      )
    : { rows: [] }
  const user = rows[0]
  if (!user) return problem(c, { type: `${PROBLEM_TYPES}not-logged-in`, title: 'Log in first', status: 401 })
  c.set('user', user)
  await next()
})

auth.get('/me', requireUser, (c) => c.json(c.get('user')))
