import { Hono } from 'hono'

// The bug report: "When I page through my tasks three at a time, 'Book the venue' never shows
// up. It is there when I ask for ten at a time." Find out why and fix it. The cursor must stay
// opaque to clients (they pass back nextCursor, never build one), and every task must appear
// exactly once, in createdAt order.
interface Task {
  id: string
  title: string
  createdAt: string
}

// Tasks imported in bulk get the same createdAt, to the millisecond: t3 and t4 here.
const tasks: Task[] = [
  { id: 't1', title: 'Write the launch plan', createdAt: '2026-11-02T09:00:00.000Z' },
  { id: 't2', title: 'Draft the API guide', createdAt: '2026-11-03T10:30:00.000Z' },
  { id: 't3', title: 'Review the glossary', createdAt: '2026-11-04T14:15:00.000Z' },
  { id: 't4', title: 'Book the venue', createdAt: '2026-11-04T14:15:00.000Z' },
  { id: 't5', title: 'Order the banners', createdAt: '2026-11-05T08:45:00.000Z' },
  { id: 't6', title: 'Invite the press', createdAt: '2026-11-06T16:00:00.000Z' },
  { id: 't7', title: 'Rehearse the demo', createdAt: '2026-11-07T11:20:00.000Z' },
]

const encode = (value: string) => btoa(value).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const decode = (cursor: string) => atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))

const app = new Hono()

app.get('/tasks', (c) => {
  const limit = Math.min(50, Math.max(1, Number(c.req.query('limit') ?? 10) || 10))
  const cursor = c.req.query('cursor')
  const after = cursor ? decode(cursor) : ''

  // In SQL: SELECT … WHERE created_at > $after ORDER BY created_at LIMIT $limit
  const sorted = [...tasks].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const items = sorted.filter((task) => task.createdAt > after).slice(0, limit)

  const last = items.at(-1)
  const nextCursor = last && items.length === limit ? encode(last.createdAt) : null
  return c.json({ items, nextCursor })
})

export default app
