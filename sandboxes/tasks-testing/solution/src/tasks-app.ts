import { Hono } from 'hono'

export interface Task {
  id: string
  title: string
  done: boolean
}

/** Builds the tasks API with its own store, so every test can start from the same data. */
export function createTasksApp(seed: Task[] = []) {
  // Copies, so a PATCH in one app never changes the seed another test builds from.
  const tasks = new Map(seed.map((task) => [task.id, { ...task }]))
  const app = new Hono()

  app.get('/tasks', (c) => {
    const done = c.req.query('done')
    const all = [...tasks.values()]
    return c.json(done === undefined ? all : all.filter((task) => String(task.done) === done))
  })

  app.get('/tasks/:id', (c) => {
    const task = tasks.get(c.req.param('id'))
    return task ? c.json(task) : c.json({ error: 'Task not found' }, 404)
  })

  app.patch('/tasks/:id', async (c) => {
    const task = tasks.get(c.req.param('id'))
    if (!task) return c.json({ error: 'Task not found' }, 404)
    let changes: Partial<Task>
    try {
      changes = (await c.req.json()) as Partial<Task>
    } catch {
      return c.json({ error: 'Body is not valid JSON' }, 400)
    }
    if (typeof changes.done === 'boolean') task.done = changes.done
    if (typeof changes.title === 'string') task.title = changes.title
    return c.json(task)
  })

  return app
}
