import { Hono } from 'hono'
import { etag } from 'hono/etag'

const projects = [
  { id: 'p1', name: 'Launch' },
  { id: 'p2', name: 'Docs' },
]
const tasks = new Map([
  ['t1', { id: 't1', projectId: 'p1', title: 'Write the launch plan', done: true }],
  ['t2', { id: 't2', projectId: 'p1', title: 'Book the venue', done: false }],
])

const app = new Hono()

// The same for everyone, rarely changed: any cache may reuse it for 60 s without asking.
app.get('/projects', (c) => c.json(projects, 200, { 'Cache-Control': 'public, max-age=60' }))

// etag() hashes each response body into an ETag, and answers 304 with no body when the
// request's If-None-Match already names it. The handler still runs: what is saved is the
// transfer, not the work.
app.use('/tasks/*', etag())

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  // Per user: only the browser may store it, and it must revalidate before each reuse.
  return c.json(task, 200, { 'Cache-Control': 'private, no-cache' })
})

app.patch('/tasks/:id', async (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  const body = (await c.req.json().catch(() => ({}))) as { done?: unknown; title?: unknown }
  if (typeof body.done === 'boolean') task.done = body.done
  if (typeof body.title === 'string' && body.title.trim()) task.title = body.title.trim()
  return c.json(task)
})

export default app
