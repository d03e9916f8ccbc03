import { Hono } from 'hono'
import { db } from './db.ts'

const app = new Hono()

// A join: each project with its owner's name, and how many of its tasks are open.
// LEFT JOIN keeps a project with no tasks (its count is 0); a plain JOIN would drop it.
app.get('/projects', async (c) => {
  const { rows } = await db.query(`
    SELECT p.id, p.name, u.name AS owner, p.budget_hours AS "budgetHours",
           count(t.id) FILTER (WHERE NOT t.done)::int AS "openTasks"
    FROM projects p
    JOIN users u ON u.id = p.owner_id
    LEFT JOIN tasks t ON t.project_id = p.id
    GROUP BY p.id, u.name
    ORDER BY p.id`)
  return c.json(rows)
})

// The invariant every transfer must keep: hours move, they are never created or lost.
app.get('/projects/total', async (c) => {
  const { rows } = await db.query<{ totalHours: number }>(
    'SELECT sum(budget_hours)::int AS "totalHours" FROM projects',
  )
  return c.json(rows[0])
})

class TransferError extends Error {
  readonly status: 400 | 404 | 409

  constructor(status: 400 | 404 | 409, message: string) {
    super(message)
    this.status = status
  }
}

// Move budget hours between projects: {"from":"p1","to":"p2","hours":5}. All or nothing.
app.post('/transfers', async (c) => {
  const body = await c.req
    .json<{ from?: unknown; to?: unknown; hours?: unknown }>()
    .catch(() => ({}) as Record<string, unknown>)
  const { from, to, hours } = body
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) {
    return c.json({ error: 'from and to must be two different project ids' }, 400)
  }
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours <= 0) {
    return c.json({ error: 'hours must be a whole number above 0' }, 400)
  }
  try {
    // Everything inside commits together, or (when the callback throws) not at all.
    await db.transaction(async (tx) => {
      // FOR UPDATE locks the source row until the end of the transaction, so a second
      // transfer from p2 at the same moment waits instead of reading the old balance.
      // (PGlite has one connection, so nothing runs concurrently; on Postgres this matters.)
      const source = await tx.query<{ budget_hours: number }>(
        'SELECT budget_hours FROM projects WHERE id = $1 FOR UPDATE',
        [from],
      )
      if (!source.rows[0]) throw new TransferError(404, `No project ${from}`)
      if (source.rows[0].budget_hours < hours) throw new TransferError(409, `Not enough hours in ${from}`)
      await tx.query('UPDATE projects SET budget_hours = budget_hours - $2 WHERE id = $1', [from, hours])
      const target = await tx.query('UPDATE projects SET budget_hours = budget_hours + $2 WHERE id = $1', [
        to,
        hours,
      ])
      if (!target.affectedRows) throw new TransferError(404, `No project ${to}`) // undoes the subtraction too
    })
  } catch (err) {
    if (err instanceof TransferError) return c.json({ error: err.message }, err.status)
    throw err
  }
  return c.json({ from, to, hours })
})

export default app
