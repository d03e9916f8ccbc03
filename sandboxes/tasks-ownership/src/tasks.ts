/** Projects and tasks of the course's running example (content/lessons/DOMAIN.md), in memory. */
export interface Project {
  id: string
  name: string
  ownerId: string
}
export interface Task {
  id: string
  projectId: string
  title: string
  done: boolean
  assigneeId: string | null
}

const projects = new Map<string, Project>([
  ['p1', { id: 'p1', name: 'Launch', ownerId: 'u1' }],
  ['p2', { id: 'p2', name: 'Docs', ownerId: 'u2' }],
])

const tasks = new Map<string, Task>(
  [
    { id: 't1', projectId: 'p1', title: 'Write the launch plan', done: true, assigneeId: 'u1' },
    { id: 't2', projectId: 'p1', title: 'Book the venue', done: false, assigneeId: 'u2' },
    { id: 't3', projectId: 'p2', title: 'Draft the API guide', done: false, assigneeId: 'u2' },
    { id: 't4', projectId: 'p2', title: 'Review the glossary', done: false, assigneeId: null },
  ].map((t) => [t.id, t]),
)

export const findTask = (id: string) => tasks.get(id)
export const projectOf = (task: Task) => projects.get(task.projectId)!
export const removeTask = (id: string) => tasks.delete(id)
export function updateTask(task: Task, changes: Partial<Pick<Task, 'title' | 'done'>>): Task {
  Object.assign(task, changes)
  return task
}
