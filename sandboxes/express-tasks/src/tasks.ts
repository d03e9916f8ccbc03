// The tasks both versions serve: the course's running example (content/lessons/DOMAIN.md).
export interface Task {
  id: string
  projectId: string
  title: string
  done: boolean
  assigneeId: string | null
  createdAt: string
}

export function seedTasks(): Map<string, Task> {
  const tasks: Task[] = [
    {
      id: 't1',
      projectId: 'p1',
      title: 'Write the launch plan',
      done: true,
      assigneeId: 'u1',
      createdAt: '2026-11-02T09:00:00.000Z',
    },
    {
      id: 't2',
      projectId: 'p1',
      title: 'Book the venue',
      done: false,
      assigneeId: 'u2',
      createdAt: '2026-11-03T10:30:00.000Z',
    },
  ]
  return new Map(tasks.map((task) => [task.id, task]))
}

/** The one rule both versions share: a title is a string of 1–200 characters after trimming. */
export function titleProblem(title: unknown): string | undefined {
  if (typeof title !== 'string' || title.trim() === '') return 'title is required'
  if (title.trim().length > 200) return 'title must be 200 characters or fewer'
  return undefined
}

export function newTask(tasks: Map<string, Task>, title: string): Task {
  const task: Task = {
    id: `t${tasks.size + 1}`,
    projectId: 'p1',
    title: title.trim(),
    done: false,
    assigneeId: null,
    createdAt: new Date().toISOString(),
  }
  tasks.set(task.id, task)
  return task
}
