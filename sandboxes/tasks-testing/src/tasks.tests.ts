// Tests of the tasks API. Each builds its own app, sends real Requests with app.request
// (no server, no network) and checks status and body. Two of them fail: fix tasks-app.ts,
// not the tests. Then add the test the last comment asks for. Run sends GET / (the report).
import { expect, test } from './harness.ts'
import { createTasksApp, type Task } from './tasks-app.ts'

const seed: Task[] = [
  { id: 't1', title: 'Write the launch plan', done: true },
  { id: 't2', title: 'Book the venue', done: false },
]

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
  const res = await app.request('/tasks/t2', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ done: true }),
  })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ id: 't2', title: 'Book the venue', done: true })
})

test('PATCH of a task that does not exist answers 404', async () => {
  const res = await createTasksApp(seed).request('/tasks/t404', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ done: true }),
  })
  expect(res.status).toBe(404)
  expect(await res.json()).toEqual({ error: 'Task not found' })
})

test('PATCH with a body that is not JSON answers 400', async () => {
  const res = await createTasksApp(seed).request('/tasks/t2', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: '{"done":',
  })
  expect(res.status).toBe(400)
})

// Your test, named 'a PATCH in one app does not change another app built from the same seed':
// build one app and PATCH t2 to done through it, then build a second app from the same seed
// and check that its t2 is still not done.
