import { Hono } from 'hono'
import type { SessionStore } from './session-store.ts'

const users = new Map([
  ['ada@example.com', { id: 'u1', name: 'Ada Lovelace' }],
  ['grace@example.com', { id: 'u2', name: 'Grace Hopper' }],
])

/** One instance of the tasks API: the same code runs in every instance. */
export function createInstance(name: string, sessions: SessionStore) {
  const app = new Hono()

  // Every answer says which instance served it, so you can watch the balancer alternate.
  app.use(async (c, next) => {
    await next()
    c.res.headers.set('X-Served-By', name)
  })

  // Logging in is simplified (no password) to keep the point in view: where the session lives.
  app.post('/login', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { email?: unknown }
    const user = typeof body.email === 'string' ? users.get(body.email) : undefined
    if (!user) return c.json({ error: 'Unknown user' }, 401)
    const token = crypto.randomUUID()
    await sessions.set(token, user.id, 3600)
    return c.json({ token })
  })

  app.get('/me', async (c) => {
    const token = c.req.header('Authorization')?.replace(/^Bearer /, '') ?? ''
    const userId = await sessions.get(token)
    if (!userId) return c.json({ error: 'Not logged in' }, 401)
    return c.json({ userId, servedBy: name })
  })

  return app
}
