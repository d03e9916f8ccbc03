// Tests of the tasks API. Each builds its own app, sends real Requests with app.request
// (no server, no network) and checks status and body.
import { expect, test } from './harness.ts'
import { createTasksApp, type Task } from './tasks-app.ts'

const seed: Task[] = [
  { id: 't1', title: 'Write the launch plan', done: true },
  { id: 't2', title: 'Book the venue', done: false },
]

const patch = (body: string): RequestInit => ({
  method: 'PATCH',
  headers: { 'Content-Type': 'application/json' },
  body,
})

test('GET /tasks lists every task', async () => {
  const app = createTasksApp(seed)
  const res = await app.request('/tasks')
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual(seed)
})

test('GET /tasks?done=false lists only open tasks', async () => {
  const res = await createTasksApp(seed).request('/tasks?done=false')
  expect(await res.json()).toEqual([seed[1]])
})

test('PATCH /tasks/t2 marks it done', async () => {
  const app = createTasksApp(seed)
  const res = await app.request('/tasks/t2', patch(JSON.stringify({ done: true })))
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ id: 't2', title: 'Book the venue', done: true })
})

test('PATCH of a task that does not exist answers 404', async () => {
  const res = await createTasksApp(seed).request('/tasks/t404', patch(JSON.stringify({ done: true })))
  expect(res.status).toBe(404)
  expect(await res.json()).toEqual({ error: 'Task not found' })
})

test('PATCH with a body that is not JSON answers 400', async () => {
  const res = await createTasksApp(seed).request('/tasks/t2', patch('{"done":'))
  expect(res.status).toBe(400)
})

test('a PATCH in one app does not change another app built from the same seed', async () => {
  await createTasksApp(seed).request('/tasks/t2', patch(JSON.stringify({ done: true })))
  const res = await createTasksApp(seed).request('/tasks/t2')
  expect(await res.json()).toEqual({ id: 't2', title: 'Book the venue', done: false })
})
