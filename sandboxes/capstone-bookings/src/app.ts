import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { auth } from './auth.ts'
import { bookings } from './bookings.ts'
import { db } from './db.ts'
import { problem } from './problem.ts'

const app = new Hono()

// Liveness: the process answers. Readiness: and it can reach its database (topic 7).
app.get('/healthz', (c) => c.json({ status: 'ok' }))
app.get('/readyz', async (c) => {
  try {
    await db.query('SELECT 1')
    return c.json({ status: 'ready' })
  } catch {
    return c.json({ status: 'database unavailable' }, 503)
  }
})

app.route('/', auth)
app.route('/', bookings)

// Every error is Problem Details (topic 9), and a crash leaks nothing.
app.notFound((c) => problem(c, { title: 'Not Found', status: 404 }))
app.onError((err, c) => {
  if (err instanceof HTTPException && err.status < 500) return problem(c, { title: err.message, status: err.status })
  console.error(err)
  return problem(c, { title: 'Internal Server Error', status: 500 })
})

export default app
