/**
 * Model: the data and its rules. Knows nothing about HTML or HTTP; the same functions would
 * serve a JSON API. (In topic 2.1's layers, this is the service over a repository.)
 */
export interface Task {
  id: string
  title: string
  done: boolean
}

const tasks: Task[] = [
  { id: 't1', title: 'Write the launch plan', done: true },
  { id: 't2', title: 'Book the venue', done: false },
  { id: 't3', title: 'Draft the API guide', done: false },
]

export class ValidationError extends Error {}

export const listTasks = (filter: 'all' | 'open' = 'all') => tasks.filter((t) => filter === 'all' || !t.done)
export const findTask = (id: string) => tasks.find((t) => t.id === id)

export function addTask(title: string): Task {
  const clean = title.trim()
  if (clean.length === 0 || clean.length > 200)
    throw new ValidationError('A task needs a title of 1 to 200 characters.')
  const task = { id: `t${tasks.length + 1}`, title: clean, done: false }
  tasks.push(task)
  return task
}

export function toggleTask(id: string): Task | undefined {
  const task = findTask(id)
  if (task) task.done = !task.done
  return task
}
