import { Hono } from 'hono'
import { db } from './db.ts'

interface Task {
  id: number
  title: string
  done: boolean
  created_at: Date
}

const app = new Hono()

app.get('/tasks', async (c) => {
  const { rows } = await db.query<Task>('SELECT * FROM tasks ORDER BY id')
  return c.json(rows)
})

app.get('/tasks/:id', async (c) => {
  const id = Number(c.req.param('id'))
  if (!Number.isInteger(id)) return c.json({ error: 'id must be a whole number' }, 400)
  // $1 is a parameter: the value travels apart from the SQL, so it can never change the query.
  const { rows } = await db.query<Task>('SELECT * FROM tasks WHERE id = $1', [id])
  return rows[0] ? c.json(rows[0]) : c.json({ error: 'No such task' }, 404)
})

app.post('/tasks', async (c) => {
  const body = await c.req.json().catch(() => null)
  const title = typeof body?.title === 'string' ? body.title.trim() : ''
  if (!title) return c.json({ error: 'title must be a non-empty string' }, 400)
  const { rows } = await db.query<Task>('INSERT INTO tasks (title) VALUES ($1) RETURNING *', [title])
  return c.json(rows[0], 201)
})

export default app
