import { Hono } from 'hono'

// The bug: the cursor held only createdAt, so "after t3" also skipped t4, created in the same
// millisecond. The fix: order by a unique key, (createdAt, id), and put both in the cursor.
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
  let after: [string, string] = ['', '']
  if (cursor) {
    try {
      const parsed: unknown = JSON.parse(decode(cursor))
      if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error('bad cursor')
      after = [String(parsed[0]), String(parsed[1])]
    } catch {
      return c.json({ error: 'Invalid cursor: start again without one' }, 400)
    }
  }

  // In SQL: SELECT … WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $limit
  const key = (task: Task): [string, string] => [task.createdAt, task.id]
  const compare = (a: [string, string], b: [string, string]) =>
    a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])
  const sorted = [...tasks].sort((a, b) => compare(key(a), key(b)))
  const items = sorted.filter((task) => compare(key(task), after) > 0).slice(0, limit)

  const last = items.at(-1)
  const nextCursor = last && items.length === limit ? encode(JSON.stringify(key(last))) : null
  return c.json({ items, nextCursor })
})

export default app
