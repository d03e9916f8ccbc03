import { Hono } from 'hono'

export interface Task {
  id: string
  title: string
  done: boolean
}

/** Builds the tasks API with its own store, so every test can start from the same data. */
export function createTasksApp(seed: Task[] = []) {
  const tasks = new Map(seed.map((task) => [task.id, task]))
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
    const task = tasks.get(c.req.param('id'))!
    const changes = (await c.req.json()) as Partial<Task>
    if (typeof changes.done === 'boolean') task.done = changes.done
    if (typeof changes.title === 'string') task.title = changes.title
    return c.json(task)
  })

  return app
}
