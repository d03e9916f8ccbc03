import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { openApiDocument } from './openapi.ts'
import { PageQuery, type Task } from './schemas.ts'

// Twelve tasks, ids t1…t12, in the order they were created.
const tasks: Task[] = Array.from({ length: 12 }, (_, i) => ({
  id: `t${i + 1}`,
  title: `Task number ${i + 1}`,
  done: i % 3 === 0,
  createdAt: new Date(Date.UTC(2026, 10, 2 + i, 9)).toISOString(),
}))

// Keyset pages in (createdAt, id) order: the time says when a task was made (ids are text, and
// as text "t10" sorts before "t2"), the id breaks ties between tasks made at the same instant.
const byCreation = (a: Task, b: Task) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

// The cursor is opaque to clients (base64url of the last item's [createdAt, id]): they pass it
// back, never build it, so the server may change what is inside. It encodes a position, not a
// row, so it still works when that task has been deleted since.
type Position = [createdAt: string, id: string]
const encodeCursor = (task: Task) =>
  btoa(JSON.stringify([task.createdAt, task.id]))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
function decodeCursor(cursor: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as Position
  } catch {
    // not base64 or not JSON: not a cursor this API issued
  }
  return undefined
}
const isAfter = (task: Task, [createdAt, id]: Position) =>
  task.createdAt > createdAt || (task.createdAt === createdAt && task.id > id)

const app = new Hono()

// v1 (deprecated): offset pages. A task created or deleted between two requests shifts every
// later item, so a client can see one twice or miss one.
app.get('/v1/tasks', (c) => {
  const offset = Math.max(0, Number(c.req.query('offset') ?? 0) || 0)
  const limit = Math.min(50, Math.max(1, Number(c.req.query('limit') ?? 10) || 10))
  c.header('Deprecation', '@1764547200') // RFC 9745: deprecated since 2025-12-01 (a Unix time)
  c.header('Sunset', 'Tue, 01 Jun 2027 00:00:00 GMT') // RFC 8594: when it stops answering
  c.header('Link', '</v2/tasks>; rel="successor-version"')
  return c.json(tasks.slice(offset, offset + limit))
})

// v2: cursor pages with an envelope. The next page starts after the last item seen, however
// the list changed in between. In SQL: WHERE (created_at, id) > ($1, $2)
// ORDER BY created_at, id LIMIT $3, which an index on (created_at, id) answers directly.
app.get('/v2/tasks', zValidator('query', PageQuery), (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = cursor === undefined ? undefined : decodeCursor(cursor)
  if (cursor !== undefined && !after)
    return c.json({ error: 'Not a cursor this API issued: start again without one' }, 400)
  const rest = [...tasks].sort(byCreation).filter((task) => !after || isAfter(task, after))
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  const nextCursor = last && rest.length > limit ? encodeCursor(last) : null
  if (nextCursor) c.header('Link', `</v2/tasks?limit=${limit}&cursor=${nextCursor}>; rel="next"`)
  return c.json({ items, nextCursor })
})

// Delete a task, to see what each kind of page does when the list changes under a reader.
app.delete('/v2/tasks/:id', (c) => {
  const index = tasks.findIndex((task) => task.id === c.req.param('id'))
  if (index === -1) return c.json({ error: 'Task not found' }, 404)
  tasks.splice(index, 1)
  return c.body(null, 204)
})

app.get('/openapi.json', (c) => c.json(openApiDocument()))

export default app
