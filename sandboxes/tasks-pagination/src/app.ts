import { Hono } from 'hono'
import { db } from './db.ts'

interface Task {
  id: string
  project_id: string
  title: string
  done: boolean
  created_at: Date
}

const app = new Hono()

function readLimit(value: string | undefined): number {
  const limit = Number(value ?? 20)
  return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : 20
}

// The cursor is opaque to clients: base64url of the last row's sort key (created_at, id).
// id breaks ties, so two tasks created in the same instant are never skipped or repeated.
const encodeCursor = (t: Task) =>
  btoa(`${t.created_at.toISOString()}|${t.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const [at, id] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|')
    return at && id && !Number.isNaN(Date.parse(at)) ? [at, id] : null
  } catch {
    return null
  }
}

// Keyset ("cursor") pagination: WHERE (created_at, id) > the last row seen. With an index on
// (project_id, created_at, id) every page costs the same, however deep.
app.get('/projects/:id/tasks', async (c) => {
  const limit = readLimit(c.req.query('limit'))
  const cursor = c.req.query('cursor')
  const after = cursor ? decodeCursor(cursor) : null
  if (cursor && !after) return c.json({ error: 'cursor is not valid' }, 400)
  const { rows } = after
    ? await db.query<Task>(
        'SELECT * FROM tasks WHERE project_id = $1 AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $4',
        [c.req.param('id'), after[0], after[1], limit + 1],
      )
    : await db.query<Task>('SELECT * FROM tasks WHERE project_id = $1 ORDER BY created_at, id LIMIT $2', [
        c.req.param('id'),
        limit + 1,
      ])
  // One row more than asked tells whether there is a next page, without a count(*).
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1]!) : null
  return c.json({ items, nextCursor })
})

// Offset pagination, for comparison: simple, but page 500 makes the database walk past
// 9,980 rows to throw them away, and a row inserted meanwhile shifts every later page.
app.get('/projects/:id/tasks-by-page', async (c) => {
  const limit = readLimit(c.req.query('limit'))
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1)
  const { rows } = await db.query<Task>(
    'SELECT * FROM tasks WHERE project_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3',
    [c.req.param('id'), limit, (page - 1) * limit],
  )
  return c.json({ page, items: rows })
})

// What Postgres plans to do, and what it did, for a deep offset page or a cursor page.
app.get('/plan', async (c) => {
  const kind = c.req.query('kind') === 'offset' ? 'offset' : 'cursor'
  const sql =
    kind === 'offset'
      ? "EXPLAIN ANALYZE SELECT * FROM tasks WHERE project_id = 'p3' ORDER BY created_at, id LIMIT 20 OFFSET 9980"
      : "EXPLAIN ANALYZE SELECT * FROM tasks WHERE project_id = 'p3' AND (created_at, id) > ('2026-01-10T00:00:00Z', 't0') ORDER BY created_at, id LIMIT 20"
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(sql)
  return c.text(rows.map((r) => r['QUERY PLAN']).join('\n'))
})

export default app
