import { defineChecks } from '../../src/sandbox/checks.ts'

const backfill = (batch: number, updated: number) => ({
  request: { method: 'POST', path: `/admin/backfill-status?batch=${batch}` },
  expect: { status: 200, json: { updated } },
})
const row = (id: string, done: boolean, status: string) => ({
  request: { method: 'GET', path: `/debug/tasks/${id}` },
  expect: { status: 200, json: { id, done, status } },
})
const patch = (id: string, body: Record<string, string | number | boolean>, status = 200) => ({
  request: { method: 'PATCH', path: `/tasks/${id}`, body },
  expect: { status },
})

export default defineChecks([
  {
    name: 'Each backfill call fixes at most the batch size, until none is left',
    hint: 'Four seeded rows need fixing: t1–t3 have no status, and t4 says open while done is true. Pick the batch in a subquery that has the condition and LIMIT $1, and update only those rows: WHERE <condition> AND id IN (SELECT id FROM tasks WHERE <condition> ORDER BY id LIMIT $1). Two calls of 2, then 0.',
    steps: [
      backfill(2, 2),
      backfill(2, 2),
      backfill(2, 0),
      {
        request: { method: 'GET', path: '/admin/status-report' },
        expect: { status: 200, json: { missing: 0, disagreeing: 0 } },
      },
      row('t4', true, 'done'),
    ],
  },
  {
    name: 'The backfill leaves a task that is being worked on as in_progress',
    hint: "An in_progress task that is not done already agrees with done. Select the rows to fix with status IS NULL OR (status = 'done') IS DISTINCT FROM done, not every row.",
    steps: [backfill(100, 0), row('t5', false, 'in_progress')],
  },
  {
    name: 'A new task is written with both columns: done false, status open',
    hint: "Name status in the INSERT: INSERT INTO tasks (project_id, title, done, status) VALUES ($1, $2, false, 'open').",
    steps: [
      {
        id: 'created',
        request: { method: 'POST', path: '/tasks', body: { title: 'Print the badges', projectId: 'p1' } },
        expect: { status: 201, jsonIncludes: { title: 'Print the badges', done: false } },
      },
      {
        request: { method: 'GET', path: '/debug/tasks/{{created.json.id}}' },
        expect: { status: 200, json: { id: '{{created.json.id}}', done: false, status: 'open' } },
      },
    ],
  },
  {
    name: 'Setting status writes done too',
    hint: 'From {"status": …}: SET status = $2, done = ($2 = \'done\'). An old instance reading done must see the task as done exactly when its status is done.',
    steps: [
      patch('t2', { status: 'done' }),
      row('t2', true, 'done'),
      patch('t2', { status: 'in_progress' }),
      row('t2', false, 'in_progress'),
    ],
  },
  {
    name: "An old client's done writes status too",
    hint: 'Clients of the old API still send {"done": true}: turn it into a status (true: done, false: open) and write both columns, as for status.',
    steps: [
      patch('t3', { done: true }),
      row('t3', true, 'done'),
      patch('t3', { done: false }),
      row('t3', false, 'open'),
    ],
  },
  {
    name: 'A status other than open, in_progress and done, or a body with neither field, answers 400 and changes nothing',
    hint: 'Check the value before the UPDATE: the CHECK constraint would refuse it too, but as an error that reaches the client as a 500.',
    steps: [
      patch('t1', { status: 'finished' }, 400),
      patch('t1', { status: 7 }, 400),
      patch('t1', {}, 400),
      row('t1', true, 'done'),
    ],
  },
])
