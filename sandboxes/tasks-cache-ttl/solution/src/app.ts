import { Hono } from 'hono'
import { db, slowQuery } from './db.ts'
import { singleFlight } from './single-flight.ts'
import { TtlCache } from './ttl-cache.ts'

interface Summary {
  project_id: string
  open: number
  done: number
  people: number
}

// Cache-aside: look in the cache first; on a miss, query and store. 30 s is how stale a
// summary may be when a change happens somewhere this code does not see (another instance,
// a script writing to the database directly).
const summaries = new TtlCache<Summary>(30_000)

const app = new Hono()

// After the exercise: coalesce misses. Requests that miss while a query for the same project is
// running wait for that query instead of sending their own, so a cold or just-expired entry
// costs the database one query, not one per concurrent request (a stampede).
const loadSummary = singleFlight(async (id: string) => {
  const [summary] = await slowQuery<Summary>(
    `SELECT project_id,
            count(*) FILTER (WHERE NOT done)::int AS open,
            count(*) FILTER (WHERE done)::int AS done,
            count(DISTINCT assignee_id)::int AS people
       FROM tasks WHERE project_id = $1 GROUP BY project_id`,
    [id],
  )
  if (summary) summaries.set(id, summary)
  return summary
})

app.get('/projects/:id/summary', async (c) => {
  const id = c.req.param('id')
  const cached = summaries.get(id)
  if (cached) return c.json(cached, 200, { 'X-Cache': 'HIT' })

  const summary = await loadSummary(id) // MISS: this request waited for a query, its own or a shared one
  if (!summary) return c.json({ error: 'Project not found or has no tasks' }, 404)
  return c.json(summary, 200, { 'X-Cache': 'MISS' })
})

app.patch('/tasks/:id', async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { done?: unknown }
  if (typeof body.done !== 'boolean') return c.json({ error: 'Send {"done": true|false}' }, 400)
  const { rows } = await db.query<{ id: string; project_id: string; done: boolean }>(
    'UPDATE tasks SET done = $1 WHERE id = $2 RETURNING id, project_id, done',
    [body.done, c.req.param('id')],
  )
  const task = rows[0]
  if (!task) return c.json({ error: 'Task not found' }, 404)
  // Delete on write: the next read queries again. A read that started before this UPDATE can
  // still store the old summary just after this delete; the TTL bounds how long that lasts.
  summaries.delete(task.project_id)
  return c.json(task)
})

export default app
