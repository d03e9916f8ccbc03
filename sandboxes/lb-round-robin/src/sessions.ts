// The sessions service: a tiny shared key-value store with lifetimes, standing in for Redis.
// Every instance that uses httpStore('http://sessions') sees the same sessions.
import { Hono } from 'hono'
import { memoryStore } from './session-store.ts'

const store = memoryStore()
const app = new Hono()

app.put('/sessions/:token', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { userId?: unknown; ttlSeconds?: unknown }
  if (typeof body.userId !== 'string' || !Number.isInteger(body.ttlSeconds))
    return c.json({ error: 'userId (a string) and ttlSeconds (whole seconds) are required' }, 400)
  await store.set(c.req.param('token'), body.userId, body.ttlSeconds as number)
  return c.body(null, 204)
})

app.get('/sessions/:token', async (c) => {
  const userId = await store.get(c.req.param('token'))
  return userId ? c.json({ userId }) : c.json({ error: 'No such session' }, 404)
})

export default app
