/**
 * The application server behind the proxy: the tasks API, knowing nothing about TLS, public
 * host names or the /api prefix. It trusts X-Forwarded-* because only the proxy can reach it.
 */
import { Hono } from 'hono'
import { listTasks } from './tasks.ts'

export const tasksApp = new Hono()

tasksApp.get('/tasks', (c) => c.json(listTasks()))

// What the app learns about the original request, only from the proxy's headers.
tasksApp.get('/whoami', (c) =>
  c.json({
    pathSeenByApp: c.req.path,
    forwardedProto: c.req.header('X-Forwarded-Proto') ?? null,
    forwardedHost: c.req.header('X-Forwarded-Host') ?? null,
    requestId: c.req.header('X-Request-Id') ?? null,
  }),
)

// A slow endpoint, to see the proxy's timeout.
tasksApp.get('/slow', async (c) => {
  await new Promise((resolve) => setTimeout(resolve, 3000))
  return c.text('finally')
})
