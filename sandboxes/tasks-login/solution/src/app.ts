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

// Verified when the email is unknown, so that case costs the same slow hash as a wrong
// password: otherwise the response time alone tells an attacker which emails have accounts.
// (The hash of a password nobody has; computed once, like a real user's.)
const DUMMY_HASH =
  'pbkdf2-sha512$210000$EX5Co2VUmCwuOmqeVxabog==$RmkE4LDGfzaDn7eSB9gF6xfw3KWOxIh44JBVMyJTGmM='

// Failed attempts per email. In memory, so per process and lost on restart; with several
// servers this belongs in Redis. Counting per email (not per IP address) also stops one
// attacker with many addresses; the price is that anyone can lock an account for 15 minutes.
const MAX_FAILURES = 5
const LOCK_SECONDS = 15 * 60
const failures = new Map<string, { count: number; since: number }>()

function lockedFor(email: string, now: number): number {
  const entry = failures.get(email)
  if (!entry || now - entry.since > LOCK_SECONDS * 1000) return 0
  return entry.count >= MAX_FAILURES ? Math.ceil((entry.since + LOCK_SECONDS * 1000 - now) / 1000) : 0
}

function recordFailure(email: string, now: number) {
  const entry = failures.get(email)
  if (!entry || now - entry.since > LOCK_SECONDS * 1000) failures.set(email, { count: 1, since: now })
  else entry.count++
}

app.post('/login', async (c) => {
  const credentials = await readCredentials(c)
  if (!credentials) return c.json({ error: 'Send JSON with an email and a password' }, 400)

  const email = credentials.email.trim().toLowerCase()
  const now = Date.now()
  const wait = lockedFor(email, now)
  if (wait > 0)
    return c.json({ error: 'Too many failed attempts, try again later' }, 429, {
      'Retry-After': String(wait),
    })

  const user = findUserByEmail(email)
  const ok = await verifyPassword(credentials.password, user?.passwordHash ?? DUMMY_HASH)
  if (!user || !ok) {
    recordFailure(email, now)
    // One answer for both cases: the client learns nothing about which accounts exist.
    return c.json({ error: 'Invalid email or password' }, 401)
  }
  failures.delete(email)
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
