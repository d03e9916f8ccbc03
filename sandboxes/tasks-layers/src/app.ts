/**
 * The factory (composition root): the one place that builds the pieces and wires them up.
 * Tests call createApp() with a fresh in-memory repository each; production would pass a
 * database repository. Exercise: see the task below.
 */
import { Hono } from 'hono'
import { EventBus } from './events.ts'
import { taskRoutes } from './routes.ts'
import { InMemoryTaskRepository, SAMPLE_TASKS, type TaskRepository } from './task-repository.ts'
import { TaskService, type TaskEvents } from './task-service.ts'

// Exercise: assign tasks to people, through every layer.
//   PATCH /tasks/:id/assignee {"assigneeId":"u3"} → 200 with the updated task;
//   400 for a user id that is not u1, u2 or u3; 404 for an unknown task.
// The service announces a "task.assigned" event, and the activity log records it.

export interface AppDeps {
  repo?: TaskRepository
}

// Every event the activity log records: listened to below.
const ACTIVITY_EVENTS = ['task.created', 'task.completed'] as const

export function createApp(deps: AppDeps = {}) {
  const events = new EventBus<TaskEvents>()
  const repo = deps.repo ?? new InMemoryTaskRepository(SAMPLE_TASKS)
  const service = new TaskService(repo, events)

  // A listener the service knows nothing about: the activity feed.
  const activity: { type: string; taskId: string; at: string }[] = []
  for (const type of ACTIVITY_EVENTS) {
    events.on(type, (task) => void activity.push({ type, taskId: task.id, at: new Date().toISOString() }))
  }

  const app = new Hono()
  app.route('/tasks', taskRoutes(service))
  app.get('/activity', (c) => c.json(activity))
  return app
}

export default createApp()
