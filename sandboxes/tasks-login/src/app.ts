import { Hono, type Context } from 'hono'
import { hashPassword, verifyPassword } from './passwords.ts'
import { findUserByEmail } from './users.ts'

const app = new Hono()

async function readCredentials(c: Context): Promise<{ email: string; password: string } | null> {
  const body: unknown = await c.req.json().catch(() => null)
  if (typeof body !== 'object' || body === null) return null
  const { email, password } = body as Record<string, unknown>
  if (typeof email !== 'string' || typeof password !== 'string' || password.length > 1024) return null
  return { email, password }
}

// Exercise: this login works, but it helps attackers. Fix it so that
// 1. an unknown email and a wrong password get the same answer (and take as long),
// 2. after 5 failed attempts for one email, further attempts get 429 for 15 minutes.
app.post('/login', async (c) => {
  const credentials = await readCredentials(c)
  if (!credentials) return c.json({ error: 'Send JSON with an email and a password' }, 400)

  const user = findUserByEmail(credentials.email)
  if (!user) return c.json({ error: 'No account with that email' }, 404)
  if (!(await verifyPassword(credentials.password, user.passwordHash))) {
    return c.json({ error: 'Wrong password' }, 401)
  }
  return c.json({ id: user.id, name: user.name })
})

// Try it: hash the same password twice and compare. Never expose this in a real app.
app.post('/hash', async (c) => {
  const body: unknown = await c.req.json().catch(() => null)
  const password = typeof body === 'object' && body !== null && 'password' in body ? body.password : undefined
  if (typeof password !== 'string') return c.json({ error: 'Send {"password": "…"}' }, 400)
  return c.json({ hash: await hashPassword(password) })
})

export default app
