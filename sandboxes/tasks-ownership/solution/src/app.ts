import { Hono } from 'hono'
import { authRoutes, requireUser, type AuthEnv, type CurrentUser } from './auth.ts'
import { findTask, projectOf, removeTask, updateTask, type Task } from './tasks.ts'

const app = new Hono<AuthEnv>()
app.route('/', authRoutes) // POST /login

// Everything under /tasks needs a logged-in user (401 otherwise): that is authentication.
app.use('/tasks/*', requireUser)

// Authorization: the rules in one place, as functions of (who, what), deny by default.
const ownsProject = (user: CurrentUser, task: Task) => projectOf(task).ownerId === user.id
const maySee = (user: CurrentUser, task: Task) =>
  user.role === 'admin' || ownsProject(user, task) || task.assigneeId === user.id
const mayDelete = (user: CurrentUser, task: Task) => user.role === 'admin' || ownsProject(user, task)

/** The task, if it exists and this user may see it. Unseeable and missing answer the same 404. */
function visibleTask(user: CurrentUser, id: string): Task | undefined {
  const task = findTask(id)
  return task && maySee(user, task) ? task : undefined
}

app.get('/tasks/:id', (c) => {
  const task = visibleTask(c.get('user'), c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  return c.json(task)
})

app.patch('/tasks/:id', async (c) => {
  const task = visibleTask(c.get('user'), c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  const body = await c.req
    .json<Partial<Pick<Task, 'title' | 'done'>>>()
    .catch((): Partial<Pick<Task, 'title' | 'done'>> => ({}))
  return c.json(updateTask(task, { ...(typeof body.done === 'boolean' && { done: body.done }) }))
})

app.delete('/tasks/:id', (c) => {
  const user = c.get('user')
  const task = visibleTask(user, c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  // They can see it, so saying "not allowed" reveals nothing new: 403.
  if (!mayDelete(user, task)) return c.json({ error: 'Only the project owner can delete its tasks' }, 403)
  removeTask(task.id)
  return c.body(null, 204)
})

export default app
