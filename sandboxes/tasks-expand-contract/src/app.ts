import { Hono } from 'hono'
import { db } from './db.ts'

// Release 2 of "done becomes status" (expand and contract, lesson 7.4). Old instances that
// know only `done` are still running beside this one, and this release may be rolled back, so:
// it still READS done (reads switch to status in release 3), and it must WRITE BOTH columns,
// keeping done = (status = 'done') on every insert and update.
const app = new Hono()

// What clients send (unknown until checked: a body is whatever the client chose to send).
type NewTask = { title?: unknown; projectId?: unknown }
type TaskChange = { done?: unknown; status?: unknown }

// Reads stay on the old column in this release.
app.get('/tasks', async (c) => {
  const { rows } = await db.query('SELECT id, title, done FROM tasks ORDER BY id')
  return c.json(rows)
})

// Exercise 1: a new task must get status 'open' as well as done = false.
app.post('/tasks', async (c) => {
  const body: NewTask = await c.req.json<NewTask>().catch(() => ({}))
  if (typeof body.title !== 'string' || typeof body.projectId !== 'string') {
    return c.json({ error: 'title and projectId are required strings' }, 400)
  }
  const { rows } = await db.query(
    'INSERT INTO tasks (project_id, title) VALUES ($1, $2) RETURNING id, title, done',
    [body.projectId, body.title],
  )
  return c.json(rows[0], 201)
})

// Exercise 2: new clients send {"status": "in_progress"}, old ones still send {"done": true}.
// Write both columns either way: from status, done = (status = 'done'); from done, status is
// 'done' or 'open'; with both, status wins. Neither, or a status other than the three, answers
// 400 (passed straight to the UPDATE, a bad status would make the CHECK constraint throw, and
// the client would get a 500).
app.patch('/tasks/:id', async (c) => {
  const body: TaskChange = await c.req.json<TaskChange>().catch(() => ({}))
  if (typeof body.done !== 'boolean') return c.json({ error: 'done must be true or false' }, 400)
  const { rows } = await db.query('UPDATE tasks SET done = $2 WHERE id = $1 RETURNING id, title, done', [
    c.req.param('id'),
    body.done,
  ])
  if (rows.length === 0) return c.json({ error: 'Task not found' }, 404)
  return c.json(rows[0])
})

// Exercise 3, the backfill: give every row a status that agrees with done, at most `batch`
// rows per call (an UPDATE keeps every row it changed locked until it commits, so writers to
// those rows wait), answering {"updated": n}; the
// operator calls it until it answers 0. Rows to fix: no status yet, or a status that
// disagrees with done (an old instance changed done alone). A row that agrees, such as an
// in_progress task that is not done, must keep its status.
// Today it fixes only the rows without a status, all at once.
app.post('/admin/backfill-status', async (c) => {
  const result = await db.query(
    `UPDATE tasks SET status = CASE WHEN done THEN 'done' ELSE 'open' END WHERE status IS NULL`,
  )
  return c.json({ updated: result.affectedRows ?? 0 })
})

// The check to run before reads switch to status (release 3): both numbers must be 0.
app.get('/admin/status-report', async (c) => {
  const { rows } = await db.query<{ missing: number; disagreeing: number }>(`
    SELECT count(*) FILTER (WHERE status IS NULL)::int AS missing,
           count(*) FILTER (WHERE (status = 'done') IS DISTINCT FROM done AND status IS NOT NULL)::int
             AS disagreeing
    FROM tasks`)
  return c.json(rows[0])
})

// The stored row, both columns: what each release wrote (the checks read it too).
app.get('/debug/tasks/:id', async (c) => {
  const { rows } = await db.query('SELECT id, done, status FROM tasks WHERE id = $1', [c.req.param('id')])
  if (rows.length === 0) return c.json({ error: 'Task not found' }, 404)
  return c.json(rows[0])
})

export default app
