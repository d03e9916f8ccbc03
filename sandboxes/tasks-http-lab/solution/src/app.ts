import { Hono } from 'hono'
import { addTask, findTask, listTasks, removeTask } from './tasks.ts'

const app = new Hono()

app.get('/tasks', (c) => c.json(listTasks()))

app.post('/tasks', async (c) => {
  const body: unknown = await c.req.json().catch(() => null)
  const title = typeof body === 'object' && body !== null && 'title' in body ? body.title : undefined
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) {
    return c.json({ error: 'title must be a string of 1 to 200 characters' }, 400)
  }
  const task = addTask('p1', title.trim())
  // 201 Created, and where the new resource lives, so the client need not build the URL.
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

app.get('/tasks/:id', (c) => {
  const task = findTask(c.req.param('id'))
  return task ? c.json(task) : c.json({ error: 'Task not found' }, 404)
})

app.delete('/tasks/:id', (c) => {
  if (!removeTask(c.req.param('id'))) return c.json({ error: 'Task not found' }, 404)
  return c.body(null, 204) // done, and nothing to say
})

// Registered after the real routes, so it only sees the methods they did not take. (Hono
// answers HEAD with the GET route, so HEAD is allowed too.)
app.all('/tasks', (c) =>
  c.json({ error: `${c.req.method} is not allowed on /tasks` }, 405, { Allow: 'GET, HEAD, POST' }),
)

export default app
