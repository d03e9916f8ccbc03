import { Hono } from 'hono'
import { db, slowQuery } from './db.ts'

// Your task: measure GET /projects/p1/summary in the Load tab, then
// 1. keep summaries in a TtlCache (src/ttl-cache.ts) for 30 seconds, keyed by project id;
// 2. say where an answer came from with an X-Cache header: MISS (queried) or HIT (cached);
// 3. when a task changes (PATCH /tasks/:id), delete its project's summary from the cache;
// then measure again.
interface Summary {
  project_id: string
  open: number
  done: number
  people: number
}

const app = new Hono()

app.get('/projects/:id/summary', async (c) => {
  const id = c.req.param('id')
  const [summary] = await slowQuery<Summary>(
    `SELECT project_id,
            count(*) FILTER (WHERE NOT done)::int AS open,
            count(*) FILTER (WHERE done)::int AS done,
            count(DISTINCT assignee_id)::int AS people
       FROM tasks WHERE project_id = $1 GROUP BY project_id`,
    [id],
  )
  if (!summary) return c.json({ error: 'Project not found or has no tasks' }, 404)
  return c.json(summary)
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
  return c.json(task)
})

export default app
