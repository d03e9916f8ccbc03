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

// The cursor is opaque to clients (base64url of the last id seen): they pass it back, never
// build it, so the server may change what is inside.
const encodeCursor = (id: string) => btoa(id).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const decodeCursor = (cursor: string) => {
  try {
    return atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))
  } catch {
    return undefined
  }
}

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
// the list changed in between.
app.get('/v2/tasks', zValidator('query', PageQuery), (c) => {
  const { limit, cursor } = c.req.valid('query')
  let start = 0
  if (cursor !== undefined) {
    const index = tasks.findIndex((task) => task.id === decodeCursor(cursor))
    if (index === -1) return c.json({ error: 'Unknown cursor: start again without one' }, 400)
    start = index + 1
  }
  const items = tasks.slice(start, start + limit)
  const last = items.at(-1)
  const nextCursor = last && start + limit < tasks.length ? encodeCursor(last.id) : null
  if (nextCursor) c.header('Link', `</v2/tasks?limit=${limit}&cursor=${nextCursor}>; rel="next"`)
  return c.json({ items, nextCursor })
})

app.get('/openapi.json', (c) => c.json(openApiDocument()))

export default app
