import { Hono } from 'hono'

// Your task:
// 1. GET /projects is the same for everyone and changes rarely: let any cache (browsers, CDNs)
//    reuse it for 60 seconds with Cache-Control.
// 2. GET /tasks/:id is per user: only the user's browser may store it ("private"), and it must
//    ask the server before every reuse ("no-cache").
// 3. Give task responses an ETag and answer 304 Not Modified to a matching If-None-Match:
//    the etag() middleware from 'hono/etag' does both.
const projects = [
  { id: 'p1', name: 'Launch' },
  { id: 'p2', name: 'Docs' },
]
const tasks = new Map([
  ['t1', { id: 't1', projectId: 'p1', title: 'Write the launch plan', done: true }],
  ['t2', { id: 't2', projectId: 'p1', title: 'Book the venue', done: false }],
])

const app = new Hono()

app.get('/projects', (c) => c.json(projects))

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  return c.json(task)
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
