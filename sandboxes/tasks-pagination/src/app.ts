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
// created_at goes in as Postgres' own text (`created_at::text`, microseconds and offset
// included), not as a JS Date: a Date keeps milliseconds only, so a row at 10:00:00.000400
// would become a cursor at 10:00:00.000, before that row, and the next page would repeat it.
const encodeCursor = (at: string, id: string) =>
  btoa(`${at}|${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
// What `created_at::text` looks like: 2026-01-01 00:10:00.000400+00
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const [at, id, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|')
    return at && id && rest.length === 0 && PG_TIMESTAMPTZ.test(at) ? [at, id] : null
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
  // `position` is the sort key as text, for the cursor only; the tasks are sent without it.
  const { rows } = after
    ? await db.query<Task & { position: string }>(
        `SELECT *, created_at::text AS position FROM tasks
         WHERE project_id = $1 AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $4`,
        [c.req.param('id'), after[0], after[1], limit + 1],
      )
    : await db.query<Task & { position: string }>(
        'SELECT *, created_at::text AS position FROM tasks WHERE project_id = $1 ORDER BY created_at, id LIMIT $2',
        [c.req.param('id'), limit + 1],
      )
  // One row more than asked tells whether there is a next page, without a count(*).
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor = rows.length > limit && last ? encodeCursor(last.position, last.id) : null
  const items = page.map(({ position: _position, ...task }) => task)
  return c.json({ items, nextCursor })
})

// Offset pagination, for comparison: simple, but page 500 makes the database walk past
// 9,980 rows to throw them away, and a row inserted before the reader's position meanwhile
// shifts every later row forward by one (the next page repeats one), a deleted one back (it
// skips one).
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
