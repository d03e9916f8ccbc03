/** Routes: HTTP in, function calls, HTTP out. All the error-to-status mapping is in onError. */
import { Hono } from 'hono'
import { NotFoundError, ValidationError, type TaskService } from './task-service.ts'

export function taskRoutes(service: TaskService) {
  const routes = new Hono()

  routes.get('/', async (c) => c.json(await service.list()))

  routes.post('/', async (c) => {
    const body = await c.req
      .json<{ title?: unknown; projectId?: unknown }>()
      .catch(() => ({}) as Record<string, unknown>)
    const title = typeof body.title === 'string' ? body.title : ''
    const projectId = typeof body.projectId === 'string' ? body.projectId : 'p1'
    const task = await service.create(projectId, title)
    return c.json(task, 201, { Location: `/tasks/${task.id}` })
  })

  routes.post('/:id/complete', async (c) => c.json(await service.complete(c.req.param('id'))))

  routes.onError((err, c) => {
    if (err instanceof ValidationError) return c.json({ error: err.message }, 400)
    if (err instanceof NotFoundError) return c.json({ error: err.message }, 404)
    throw err // anything else is a bug: the app's own handler answers 500
  })

  return routes
}
