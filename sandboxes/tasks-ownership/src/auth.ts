/**
 * Logging in (lessons 5.1 and 5.2): POST /login checks the password and sets a signed JWT in
 * an HttpOnly cookie; requireUser turns that cookie into c.get('user') or answers 401.
 */
import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { jwt, sign } from 'hono/jwt'
import { JWT_SECRET, TOKEN_SECONDS } from './config.ts'
import { verifyPassword } from './passwords.ts'
import { findUserByEmail } from './users.ts'

export interface CurrentUser {
  id: string
  role: 'member' | 'admin'
}
export type AuthEnv = {
  Variables: { user: CurrentUser; jwtPayload: { sub: string; role: CurrentUser['role'] } }
}

const DUMMY_HASH =
  'pbkdf2-sha512$210000$EX5Co2VUmCwuOmqeVxabog==$RmkE4LDGfzaDn7eSB9gF6xfw3KWOxIh44JBVMyJTGmM='

export const authRoutes = new Hono()

authRoutes.post('/login', async (c) => {
  const body = await c.req
    .json<{ email?: unknown; password?: unknown }>()
    .catch(() => ({}) as Record<string, unknown>)
  const user = findUserByEmail(typeof body.email === 'string' ? body.email : '')
  const ok = await verifyPassword(
    typeof body.password === 'string' ? body.password : '',
    user?.passwordHash ?? DUMMY_HASH,
  )
  if (!user || !ok) return c.json({ error: 'Invalid email or password' }, 401)
  const token = await sign(
    { sub: user.id, role: user.role, exp: Math.floor(Date.now() / 1000) + TOKEN_SECONDS },
    JWT_SECRET,
    'HS256',
  )
  setCookie(c, 'session', token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: true,
    path: '/',
    maxAge: TOKEN_SECONDS,
  })
  return c.body(null, 204)
})

const verifyToken = jwt({ secret: JWT_SECRET, alg: 'HS256', cookie: 'session' })

/** 401 without a valid session; otherwise the caller is c.get('user'). */
export const requireUser = createMiddleware<AuthEnv>(async (c, next) => {
  try {
    await verifyToken(c, async () => {})
  } catch {
    return c.json({ error: 'Log in first' }, 401)
  }
  const { sub, role } = c.get('jwtPayload')
  c.set('user', { id: sub, role })
  await next()
})
