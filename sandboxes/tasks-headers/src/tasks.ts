/** The tasks of the course's running example (content/lessons/DOMAIN.md), kept in memory. */
export interface Task {
  id: string
  projectId: string
  title: string
  done: boolean
  assigneeId: string | null
  createdAt: string
}

const tasks = new Map<string, Task>(
  [
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
    {
      id: 't3',
      projectId: 'p2',
      title: 'Draft the API guide',
      done: false,
      assigneeId: 'u2',
      createdAt: '2026-11-04T14:15:00.000Z',
    },
    {
      id: 't4',
      projectId: 'p2',
      title: 'Review the glossary',
      done: false,
      assigneeId: null,
      createdAt: '2026-11-05T08:45:00.000Z',
    },
  ].map((t) => [t.id, t]),
)
let lastId = tasks.size

export function listTasks(): Task[] {
  return [...tasks.values()]
}

export function findTask(id: string): Task | undefined {
  return tasks.get(id)
}

export function addTask(projectId: string, title: string): Task {
  const task: Task = {
    id: `t${++lastId}`,
    projectId,
    title,
    done: false,
    assigneeId: null,
    createdAt: new Date().toISOString(),
  }
  tasks.set(task.id, task)
  return task
}

export function removeTask(id: string): boolean {
  return tasks.delete(id)
}
