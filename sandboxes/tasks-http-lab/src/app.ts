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
  // TODO: this created a task. Which status says so, and which header tells the client its URL?
  return c.json(task)
})

app.get('/tasks/:id', (c) => {
  const task = findTask(c.req.param('id'))
  return task ? c.json(task) : c.json({ error: 'Task not found' }, 404)
})

app.delete('/tasks/:id', (c) => {
  // TODO: deleting worked, or the task did not exist. Two different answers.
  removeTask(c.req.param('id'))
  return c.json({ deleted: true })
})

// TODO: /tasks exists, but not for PUT, PATCH or DELETE: say so, and say what is allowed.

export default app
