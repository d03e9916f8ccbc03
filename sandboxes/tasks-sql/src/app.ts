import { Hono } from 'hono'
import { db } from './db.ts'

interface Task {
  id: string
  project_id: string
  title: string
  done: boolean
  assignee_id: string | null
  created_at: Date
}

const app = new Hono()

// Read: one project's tasks. $1 is a parameter: the value travels apart from the SQL text,
// so nothing in it can change what the query does.
app.get('/projects/:id/tasks', async (c) => {
  const { rows } = await db.query<Task>('SELECT * FROM tasks WHERE project_id = $1 ORDER BY created_at', [
    c.req.param('id'),
  ])
  return c.json(rows)
})

app.get('/tasks/:id', async (c) => {
  const { rows } = await db.query<Task>('SELECT * FROM tasks WHERE id = $1', [c.req.param('id')])
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'Task not found' }, 404)
})

// Create: RETURNING * hands back the row as stored, with its new id and defaults.
app.post('/tasks', async (c) => {
  const body = await c.req
    .json<{ projectId?: unknown; title?: unknown }>()
    .catch(() => ({}) as Record<string, unknown>)
  const title = typeof body.title === 'string' ? body.title.trim() : ''
  const projectId = typeof body.projectId === 'string' ? body.projectId : ''
  if (!title || title.length > 200) return c.json({ error: 'title must be 1 to 200 characters' }, 400)
  try {
    const { rows } = await db.query<Task>(
      'INSERT INTO tasks (project_id, title) VALUES ($1, $2) RETURNING *',
      [projectId, title],
    )
    return c.json(rows[0], 201, { Location: `/tasks/${rows[0]!.id}` })
  } catch (err) {
    // 23503: foreign_key_violation, the project does not exist. The database enforces it.
    if ((err as { code?: string }).code === '23503') return c.json({ error: `No project ${projectId}` }, 400)
    throw err
  }
})

// Update: only the fields sent; COALESCE keeps the old value for a NULL parameter.
app.patch('/tasks/:id', async (c) => {
  const body = await c.req
    .json<{ title?: unknown; done?: unknown }>()
    .catch(() => ({}) as Record<string, unknown>)
  const title = typeof body.title === 'string' ? body.title.trim() : null
  const done = typeof body.done === 'boolean' ? body.done : null
  const { rows } = await db.query<Task>(
    'UPDATE tasks SET title = COALESCE($2, title), done = COALESCE($3, done) WHERE id = $1 RETURNING *',
    [c.req.param('id'), title, done],
  )
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'Task not found' }, 404)
})

app.delete('/tasks/:id', async (c) => {
  const { affectedRows } = await db.query('DELETE FROM tasks WHERE id = $1', [c.req.param('id')])
  return affectedRows ? c.body(null, 204) : c.json({ error: 'Task not found' }, 404)
})

// Search a project's tasks by title, two ways. Try q=venue on both, then the lesson's input.
app.get('/projects/:id/search', async (c) => {
  const { rows } = await db.query<Task>(
    "SELECT * FROM tasks WHERE project_id = $1 AND title ILIKE '%' || $2 || '%'",
    [c.req.param('id'), c.req.query('q') ?? ''],
  )
  return c.json(rows)
})

// NEVER DO THIS: the input is pasted into the SQL text, so the input can rewrite the query.
// (It only runs against this sandbox's own database, which Reset data restores.)
app.get('/projects/:id/search-unsafe', async (c) => {
  const sql = `SELECT * FROM tasks WHERE project_id = '${c.req.param('id')}' AND title ILIKE '%${c.req.query('q') ?? ''}%'`
  console.log(sql)
  try {
    const { rows } = await db.query<Task>(sql)
    return c.json(rows)
  } catch (err) {
    return c.json({ error: (err as Error).message }, 400)
  }
})

export default app
