import { Hono } from 'hono'
import { PROBLEM_TYPES, problem } from './problem.ts'

const tasks = new Map([['t1', { id: 't1', title: 'Write the launch plan', done: true }]])

const app = new Hono()

app.get('/tasks/:id', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) {
    return problem(c, {
      type: `${PROBLEM_TYPES}task-not-found`,
      title: 'Task not found',
      status: 404,
      detail: `There is no task with id "${c.req.param('id')}".`,
    })
  }
  return c.json(task)
})

app.post('/tasks', async (c) => {
  let body: { title?: unknown }
  try {
    body = (await c.req.json()) as { title?: unknown }
  } catch {
    return problem(c, {
      type: `${PROBLEM_TYPES}malformed-json`,
      title: 'Malformed JSON',
      status: 400,
      detail: 'The request body is not valid JSON.',
    })
  }
  if (typeof body.title !== 'string' || body.title.trim() === '') {
    return problem(c, {
      type: `${PROBLEM_TYPES}invalid-task`,
      title: 'Invalid task',
      status: 400,
      detail: 'The task has 1 invalid field.',
      errors: [{ pointer: '#/title', detail: 'must be a non-empty string' }],
    })
  }
  const task = { id: `t${tasks.size + 1}`, title: body.title.trim(), done: false }
  tasks.set(task.id, task)
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

// Exports are not built yet: this route always fails, as a bug in production would.
app.get('/tasks/:id/export', () => {
  throw new Error('export service password rejected for user admin')
})

app.notFound((c) => problem(c, { title: 'Not Found', status: 404 }))

// The details go to the log, where operators can see them; the client learns only that it
// was not its fault. An error message can hold secrets, as this one shows.
app.onError((err, c) => {
  console.error(err)
  return problem(c, { title: 'Internal Server Error', status: 500 })
})

export default app
