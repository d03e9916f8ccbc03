import { Hono } from 'hono'
import { fixedWindow } from './fixed-window.ts'

// Five attempts per account per minute. The key is the account (the email), because an
// attacker guessing one person's password from many addresses must still be stopped; a real
// service adds a second, looser limit per client address (taken from what its own proxy
// records, never from a header the client could write itself).
const LIMIT = 5
const perAccount = fixedWindow(LIMIT, 60_000)

const app = new Hono()

app.post('/login', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { email?: unknown; password?: unknown }
  if (typeof body.email !== 'string' || typeof body.password !== 'string') {
    return c.json({ error: 'Send {"email":"…","password":"…"}' }, 400)
  }

  const verdict = perAccount(body.email.trim().toLowerCase())
  // The IETF's RateLimit header fields (a draft, already widely used): quota and what is left.
  c.header('RateLimit-Policy', `"per-account";q=${LIMIT};w=60`)
  c.header('RateLimit', `"per-account";r=${verdict.remaining};t=${verdict.resetSeconds}`)
  if (!verdict.allowed) {
    c.header('Retry-After', String(verdict.resetSeconds))
    return c.json({ error: 'Too many login attempts: try again later' }, 429)
  }

  // Password checking is topic 5's subject; here every password is wrong, so you can hit the limit.
  return c.json({ error: 'Email or password is incorrect' }, 401)
})

export default app
