/**
 * Repository: storage behind an interface in the domain's words (findById, save), not the
 * database's. The methods are async although a Map is not, because the interface must also
 * fit the real database (topic 4), which is.
 */
export interface Task {
  id: string
  projectId: string
  title: string
  done: boolean
  assigneeId: string | null
  createdAt: string
}

export interface TaskRepository {
  findById(id: string): Promise<Task | undefined>
  list(): Promise<Task[]>
  save(task: Task): Promise<void>
  nextId(): Promise<string>
}

export const SAMPLE_TASKS: Task[] = [
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
]

export class InMemoryTaskRepository implements TaskRepository {
  private readonly tasks = new Map<string, Task>()
  private count = 0

  constructor(seed: Task[] = []) {
    for (const task of seed) this.tasks.set(task.id, { ...task })
    this.count = seed.length
  }

  async findById(id: string) {
    const task = this.tasks.get(id)
    return task && { ...task } // a copy: callers change tasks only through save()
  }

  async list() {
    return [...this.tasks.values()].map((t) => ({ ...t }))
  }

  async save(task: Task) {
    this.tasks.set(task.id, { ...task })
  }

  async nextId() {
    return `t${++this.count}`
  }
}
