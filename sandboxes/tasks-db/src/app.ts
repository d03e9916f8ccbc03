import { Hono } from 'hono'
import { db } from './db.ts'

interface Task {
  id: string
  projectId: string
  title: string
  done: boolean
  assigneeId: string | null
  createdAt: Date
}

// Columns are snake_case in SQL and camelCase in JSON: the SELECT renames them.
const TASK = `id, project_id AS "projectId", title, done, assignee_id AS "assigneeId", created_at AS "createdAt"`

const app = new Hono()

app.get('/tasks', async (c) => {
  const done = c.req.query('done')
  if (done !== undefined && done !== 'true' && done !== 'false') {
    return c.json({ error: 'done must be true or false' }, 400)
  }
  // $1 is a parameter: the value travels apart from the SQL text, so it can never change the query.
  const { rows } = done
    ? await db.query<Task>(`SELECT ${TASK} FROM tasks WHERE done = $1 ORDER BY created_at, id`, [
        done === 'true',
      ])
    : await db.query<Task>(`SELECT ${TASK} FROM tasks ORDER BY created_at, id`)
  return c.json(rows)
})

app.get('/tasks/:id', async (c) => {
  const { rows } = await db.query<Task>(`SELECT ${TASK} FROM tasks WHERE id = $1`, [c.req.param('id')])
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'Task not found' }, 404)
})

app.post('/tasks', async (c) => {
  const body = await c.req.json().catch(() => null)
  const title = typeof body?.title === 'string' ? body.title.trim() : ''
  if (title.length < 1 || title.length > 200) {
    return c.json({ error: 'title must be 1 to 200 characters' }, 400)
  }
  const projectId = typeof body?.projectId === 'string' ? body.projectId : 'p1'
  const project = await db.query('SELECT 1 FROM projects WHERE id = $1', [projectId])
  if (project.rows.length === 0) return c.json({ error: 'No such project' }, 400)
  const { rows } = await db.query<Task>(
    `INSERT INTO tasks (project_id, title) VALUES ($1, $2) RETURNING ${TASK}`,
    [projectId, title],
  )
  const task = rows[0]!
  c.header('Location', `/tasks/${task.id}`)
  return c.json(task, 201)
})

export default app
