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

const STATUSES = ['open', 'in_progress', 'done']

// A new task: done = false and status 'open', both written.
app.post('/tasks', async (c) => {
  const body: NewTask = await c.req.json<NewTask>().catch(() => ({}))
  if (typeof body.title !== 'string' || typeof body.projectId !== 'string') {
    return c.json({ error: 'title and projectId are required strings' }, 400)
  }
  const { rows } = await db.query(
    `INSERT INTO tasks (project_id, title, done, status) VALUES ($1, $2, false, 'open')
     RETURNING id, title, done`,
    [body.projectId, body.title],
  )
  return c.json(rows[0], 201)
})

// New clients send {"status": "in_progress"}, old ones still send {"done": true}: both columns
// are written either way, so old and new instances (and a rollback) read the same task.
app.patch('/tasks/:id', async (c) => {
  const body: TaskChange = await c.req.json<TaskChange>().catch(() => ({}))
  let status: string
  if (body.status !== undefined) {
    if (typeof body.status !== 'string' || !STATUSES.includes(body.status)) {
      return c.json({ error: `status must be one of ${STATUSES.join(', ')}` }, 400)
    }
    status = body.status
  } else if (typeof body.done === 'boolean') {
    status = body.done ? 'done' : 'open'
  } else {
    return c.json({ error: 'send status, or done as true or false' }, 400)
  }
  const { rows } = await db.query(
    `UPDATE tasks SET status = $2, done = ($2 = 'done') WHERE id = $1 RETURNING id, title, done`,
    [c.req.param('id'), status],
  )
  if (rows.length === 0) return c.json({ error: 'Task not found' }, 404)
  return c.json(rows[0])
})

// The rows the backfill fixes: no status yet, or a status that disagrees with done because an
// old instance changed done alone. Rows that agree, such as an in_progress task that is not
// done, keep their status.
const NEEDS_STATUS = `(status IS NULL OR (status = 'done') IS DISTINCT FROM done)`

// The backfill, in batches: an UPDATE keeps every row it changed locked until it commits, so a
// small batch keeps other writers' waits short. The condition is repeated in the outer WHERE:
// if a new instance changed a row while this UPDATE waited for its lock, Postgres re-checks
// that WHERE on the new row (not the subquery's). On a big table, walk id ranges instead
// (id > the last id done) so each batch does not rescan the rows already fixed.
app.post('/admin/backfill-status', async (c) => {
  const batch = Number(c.req.query('batch') ?? 100)
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) {
    return c.json({ error: 'batch must be a whole number from 1 to 1000' }, 400)
  }
  const result = await db.query(
    `UPDATE tasks SET status = CASE WHEN done THEN 'done' ELSE 'open' END
     WHERE ${NEEDS_STATUS}
       AND id IN (SELECT id FROM tasks WHERE ${NEEDS_STATUS} ORDER BY id LIMIT $1)`,
    [batch],
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
