import { Hono } from 'hono'
import { authRoutes, requireUser, type AuthEnv } from './auth.ts'
import { findTask, removeTask, updateTask, type Task } from './tasks.ts'

const app = new Hono<AuthEnv>()
app.route('/', authRoutes) // POST /login

// Everything under /tasks needs a logged-in user (401 otherwise): that is authentication.
app.use('/tasks/*', requireUser)

// Exercise: authorization. Every logged-in user can now read, change and delete every task.
// The rules of the tasks app:
// - an admin may do anything;
// - a member may see and change a task if they own its project or it is assigned to them;
// - only the project's owner (or an admin) may delete a task.
// A task you may not see must look exactly like one that does not exist.
// Who is asking: c.get('user'). Who owns a task's project: projectOf(task).ownerId (tasks.ts).

app.get('/tasks/:id', (c) => {
  const task = findTask(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  return c.json(task)
})

app.patch('/tasks/:id', async (c) => {
  const task = findTask(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  const body = await c.req
    .json<Partial<Pick<Task, 'title' | 'done'>>>()
    .catch((): Partial<Pick<Task, 'title' | 'done'>> => ({}))
  return c.json(updateTask(task, { ...(typeof body.done === 'boolean' && { done: body.done }) }))
})

app.delete('/tasks/:id', (c) => {
  const task = findTask(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  removeTask(task.id)
  return c.body(null, 204)
})

export default app
