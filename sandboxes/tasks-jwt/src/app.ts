import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { decode, jwt, sign, type JwtVariables } from 'hono/jwt'
import { JWT_SECRET, TOKEN_SECONDS } from './config.ts'
import { verifyPassword } from './passwords.ts'
import { findUserByEmail } from './users.ts'

type Claims = { sub: string; name: string; role: 'member' | 'admin'; exp: number }
const app = new Hono<{ Variables: JwtVariables<Claims> }>()

const COOKIE = 'session'
// Stands in for a real user's hash, so an unknown email costs the same time (lesson 5.1).
const DUMMY_HASH =
  'pbkdf2-sha512$210000$EX5Co2VUmCwuOmqeVxabog==$RmkE4LDGfzaDn7eSB9gF6xfw3KWOxIh44JBVMyJTGmM='

app.post('/login', async (c) => {
  const body = await c.req
    .json<{ email?: unknown; password?: unknown }>()
    .catch(() => ({}) as Record<string, unknown>)
  const email = typeof body.email === 'string' ? body.email : ''
  const password = typeof body.password === 'string' ? body.password : ''
  const user = findUserByEmail(email)
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  if (!user || !ok) return c.json({ error: 'Invalid email or password' }, 401)

  // The claims travel inside the token: signed (tamper-evident), NOT encrypted (readable).
  const claims: Claims = {
    sub: user.id,
    name: user.name,
    role: user.role,
    exp: Math.floor(Date.now() / 1000) + TOKEN_SECONDS,
  }
  const token = await sign(claims, JWT_SECRET, 'HS256')
  setCookie(c, COOKIE, token, {
    httpOnly: true, // page scripts cannot read it: an XSS bug cannot steal it
    sameSite: 'Lax', // not sent with other sites' POSTs: the first defence against CSRF
    secure: true, // HTTPS only (browsers treat http://localhost as secure)
    path: '/',
    maxAge: TOKEN_SECONDS,
  })
  return c.body(null, 204)
})

// /me and everything under it need a valid, unexpired token from the cookie (401 otherwise);
// the algorithm is fixed here, never taken from the token's own header.
app.use('/me/*', jwt({ secret: JWT_SECRET, alg: 'HS256', cookie: COOKIE }))

app.get('/me', (c) => {
  const { sub, name, role } = c.get('jwtPayload')
  return c.json({ id: sub, name, role })
})

// What anyone holding the token can read, without the secret.
app.get('/me/token', (c) => {
  const token = c.req.header('Cookie')?.match(/(?:^|;\s*)session=([^;]+)/)?.[1] ?? ''
  const { header, payload } = decode(token)
  return c.json({ header, payload, note: 'Decoded without the secret: a JWT hides nothing.' })
})

app.post('/logout', (c) => {
  // Deletes the browser's copy. A copy kept elsewhere stays valid until exp: JWTs cannot be
  // revoked without server-side state (a deny-list), which is what sessions have anyway.
  deleteCookie(c, COOKIE, { path: '/', secure: true })
  return c.body(null, 204)
})

export default app
