import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { routePath } from 'hono/route'
import { log } from './log.ts'
import { Counter, Histogram } from './metrics.ts'

const tasks = new Map([
  ['t1', { id: 't1', projectId: 'p1', title: 'Write the launch plan', done: true }],
  ['t2', { id: 't2', projectId: 'p1', title: 'Book the venue', done: false }],
])

// Set by the shutdown code (here: PUT /admin/draining) so load balancers stop sending traffic.
let draining = false

const requests = new Counter('http_requests_total', 'Requests answered, by method, route and status.')
const duration = new Histogram('http_request_duration_seconds', 'Time to answer a request, in seconds.')

const app = new Hono()

// Every request gets an id (or keeps the X-Request-Id a proxy in front already gave it); the
// response carries it back, and every log line of the request includes it.
app.use(requestId())

app.use(async (c, next) => {
  const started = performance.now()
  await next()
  const seconds = (performance.now() - started) / 1000
  // routePath is the route's pattern ("/tasks/:id"), not the URL ("/tasks/t1"): one series
  // per route, whatever ids clients send.
  const route = routePath(c)
  log('info', 'request', {
    requestId: c.get('requestId'),
    method: c.req.method,
    route,
    status: c.res.status,
    durationMs: Math.round(seconds * 1000),
  })
  requests.inc({ method: c.req.method, route, status: String(c.res.status) })
  duration.observe(seconds)
})

// Liveness: the process is up and can answer. Failing it makes the orchestrator restart it.
app.get('/healthz', (c) => c.json({ status: 'ok' }))

// Readiness: this instance should get traffic now. While draining it says no (503), the load
// balancer takes it out of rotation, and requests already in flight still finish.
app.get('/readyz', (c) => (draining ? c.json({ status: 'draining' }, 503) : c.json({ status: 'ready' })))

// Scraped by Prometheus every few seconds. In production, keep it off the public internet.
app.get('/metrics', (c) =>
  c.text(`${requests.render()}\n${duration.render()}\n`, 200, {
    'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
  }),
)

app.put('/admin/draining', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { draining?: unknown }
  if (typeof body.draining !== 'boolean') return c.json({ error: 'Send {"draining": true|false}' }, 400)
  draining = body.draining
  log('warn', draining ? 'draining: readiness now fails' : 'ready again', { requestId: c.get('requestId') })
  return c.json({ draining })
})

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  return task ? c.json(task) : c.json({ error: 'Task not found' }, 404)
})

export default app
