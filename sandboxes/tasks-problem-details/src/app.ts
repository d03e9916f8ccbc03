import { Hono } from 'hono'

// Your task: answer every error below as Problem Details with problem() from ./problem.ts:
// - an unknown task: 404, type PROBLEM_TYPES + "task-not-found", title "Task not found"
// - an invalid title: 400, type PROBLEM_TYPES + "invalid-task", title "Invalid task", and an
//   extension `errors: [{ pointer: "#/title", detail: "…" }]` (a JSON Pointer to the field)
// - malformed JSON: 400, type PROBLEM_TYPES + "malformed-json", title "Malformed JSON"
// - an unknown route (app.notFound): 404 with the default type about:blank, title "Not Found"
// - a crash (app.onError): 500, title "Internal Server Error", and no stack trace or message
const tasks = new Map([['t1', { id: 't1', title: 'Write the launch plan', done: true }]])

const app = new Hono()

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  return c.json(task)
})

app.post('/tasks', async (c) => {
  const body = (await c.req.json()) as { title?: unknown }
  if (typeof body.title !== 'string' || body.title.trim() === '') {
    return c.json({ error: 'title is required' }, 400)
  }
  const task = { id: `t${tasks.size + 1}`, title: body.title.trim(), done: false }
  tasks.set(task.id, task)
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

// Exports are not built yet: this route always fails, as a bug in production would.
app.get('/tasks/:id/export', () => {
  throw new Error('export service password rejected for user admin')
})

export default app
