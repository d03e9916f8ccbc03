import { Hono } from 'hono'
import { TtlCache } from './cache.ts'
import { db } from './db.ts'

const app = new Hono()

// Flip to false: writes stop invalidating, and summaries stay stale until the TTL runs out.
const INVALIDATE_ON_WRITE = true
const summaries = new TtlCache<{ project: string; open: number; done: number }>(30_000)

// An "expensive" read: an aggregate over the project's tasks. Cache-aside: look in the cache,
// on a miss ask the database and remember the answer for 30 seconds.
app.get('/projects/:id/summary', async (c) => {
  const id = c.req.param('id')
  const cached = summaries.get(id)
  if (cached) return c.json(cached.value, 200, { 'X-Cache': 'HIT', Age: String(cached.ageSeconds) })

  const { rows } = await db.query<{ project: string; open: number; done: number }>(
    `SELECT p.name AS project,
            count(t.id) FILTER (WHERE NOT t.done)::int AS open,
            count(t.id) FILTER (WHERE t.done)::int AS done
     FROM projects p LEFT JOIN tasks t ON t.project_id = p.id
     WHERE p.id = $1 GROUP BY p.name`,
    [id],
  )
  if (!rows[0]) return c.json({ error: 'Project not found' }, 404)
  summaries.set(id, rows[0])
  return c.json(rows[0], 200, { 'X-Cache': 'MISS' })
})

// A write that changes what the summary says.
app.patch('/tasks/:id', async (c) => {
  const body = await c.req.json<{ done?: unknown }>().catch(() => ({}) as Record<string, unknown>)
  if (typeof body.done !== 'boolean') return c.json({ error: 'Send {"done": true} or {"done": false}' }, 400)
  const { rows } = await db.query<{ id: string; project_id: string; done: boolean }>(
    'UPDATE tasks SET done = $2 WHERE id = $1 RETURNING id, project_id, done',
    [c.req.param('id'), body.done],
  )
  if (!rows[0]) return c.json({ error: 'Task not found' }, 404)
  // Delete-on-write: the next read rebuilds the summary. Not a perfect fix: see the lesson.
  if (INVALIDATE_ON_WRITE) summaries.delete(rows[0].project_id)
  return c.json(rows[0])
})

export default app
