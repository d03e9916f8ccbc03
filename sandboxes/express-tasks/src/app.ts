import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { newTask, seedTasks, titleProblem } from './tasks.ts'

const tasks = seedTasks()

// The same two routes as src/express-app.ts, in Hono. Run it with `npm run dev:hono`.
const app = new Hono()

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  return c.json(task)
})

app.post('/tasks', bodyLimit({ maxSize: 10 * 1024 }), async (c) => {
  // c.req.json() parses whatever arrives, so the Content-Type is checked here by hand.
  if (!c.req.header('content-type')?.startsWith('application/json')) {
    return c.json({ error: 'Send the task as application/json' }, 415)
  }
  const body: unknown = await c.req.json().catch(() => undefined)
  if (body === undefined) return c.json({ error: 'Body is not valid JSON' }, 400)
  const title = typeof body === 'object' && body !== null && 'title' in body ? body.title : undefined
  const problem = titleProblem(title)
  if (problem) return c.json({ error: problem }, 400)
  const task = newTask(tasks, title as string)
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

export default app
