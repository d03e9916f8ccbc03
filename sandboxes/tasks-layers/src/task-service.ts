/**
 * Service: the business rules. It receives its repository and event bus (dependency
 * injection: plain constructor arguments) and knows nothing about HTTP: it throws domain
 * errors, and the routes decide which status each one becomes.
 */
import type { EventBus } from './events.ts'
import type { Task, TaskRepository } from './task-repository.ts'

export class ValidationError extends Error {}
export class NotFoundError extends Error {}

export type TaskEvents = {
  'task.created': Task
  'task.completed': Task
}

export class TaskService {
  private readonly repo: TaskRepository
  private readonly events: EventBus<TaskEvents>

  constructor(repo: TaskRepository, events: EventBus<TaskEvents>) {
    this.repo = repo
    this.events = events
  }

  list(): Promise<Task[]> {
    return this.repo.list()
  }

  async create(projectId: string, title: string): Promise<Task> {
    const clean = title.trim()
    if (clean.length === 0 || clean.length > 200)
      throw new ValidationError('title must be 1 to 200 characters')
    const task: Task = {
      id: await this.repo.nextId(),
      projectId,
      title: clean,
      done: false,
      assigneeId: null,
      createdAt: new Date().toISOString(),
    }
    await this.repo.save(task)
    this.events.emit('task.created', task)
    return task
  }

  async complete(id: string): Promise<Task> {
    const task = await this.repo.findById(id)
    if (!task) throw new NotFoundError('Task not found')
    if (task.done) return task // completing twice changes nothing and announces nothing
    const updated = { ...task, done: true }
    await this.repo.save(updated)
    this.events.emit('task.completed', updated)
    return updated
  }
}
