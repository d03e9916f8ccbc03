import { Hono } from 'hono'
import { db } from './db.ts'

const app = new Hono()

// The whole document comes back as a JavaScript object: PGlite parses jsonb for you.
app.get('/tasks/:id', async (c) => {
  const { rows } = await db.query('SELECT id, title, done, details FROM tasks WHERE id = $1', [
    c.req.param('id'),
  ])
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'Task not found' }, 404)
})

// Containment: tasks whose details contain {"labels": ["urgent"]}. Uses the GIN index.
app.get('/tasks', async (c) => {
  const label = c.req.query('label')
  const { rows } = label
    ? await db.query('SELECT id, title, details FROM tasks WHERE details @> $1 ORDER BY id', [
        JSON.stringify({ labels: [label] }),
      ])
    : await db.query('SELECT id, title, details FROM tasks ORDER BY id')
  return c.json(rows)
})

// Reaching inside: ->> reads a field as text, jsonb_array_elements turns an array into rows.
app.get('/tasks/:id/checklist', async (c) => {
  const { rows } = await db.query(
    `SELECT item ->> 'item' AS item, (item ->> 'done')::boolean AS done
     FROM tasks, jsonb_array_elements(details -> 'checklist') AS item
     WHERE id = $1`,
    [c.req.param('id')],
  )
  return c.json(rows)
})

// Change one part of the document in place: jsonb_set, or || to merge keys.
app.patch('/tasks/:id/details', async (c) => {
  const patch: unknown = await c.req.json().catch(() => null)
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return c.json({ error: 'Send a JSON object of detail fields to merge' }, 400)
  }
  const { rows } = await db.query(
    'UPDATE tasks SET details = details || $2 WHERE id = $1 RETURNING id, details',
    [c.req.param('id'), JSON.stringify(patch)],
  )
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'Task not found' }, 404)
})

export default app
