import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { listTasks, type Task } from './tasks.ts'

const app = new Hono()

// ETag: a fingerprint of the body. A client that sends it back in If-None-Match gets
// 304 Not Modified (no body) while the list is unchanged.
app.use('/tasks', etag())

// A cell a spreadsheet would run as a formula: = + - @ first (or a tab or carriage return,
// which some spreadsheets skip before looking). A title such as =HYPERLINK("https://evil.example")
// would otherwise become a live formula in whoever opens the export ("CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/

function toCsv(tasks: Task[]): string {
  // Prefix a would-be formula with ' so spreadsheets show it as text (OWASP's advice), then
  // quote every field and double inner quotes, as CSV (RFC 4180) requires.
  const cell = (v: unknown) => {
    const text = String(v ?? '')
    return `"${(FORMULA_START.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`
  }
  const rows = tasks.map((t) => [t.id, t.projectId, t.title, t.done, t.assigneeId].map(cell).join(','))
  return ['id,projectId,title,done,assigneeId', ...rows].join('\r\n') + '\r\n'
}

app.get('/tasks', (c) => {
  // The same resource in two formats: the client's Accept header picks one.
  c.header('Vary', 'Accept') // caches must keep one copy per Accept value
  c.header('Cache-Control', 'no-cache') // may be stored, but revalidated (ETag) before each use
  const accept = c.req.header('Accept') ?? ''
  if (accept.includes('text/csv')) {
    return c.body(toCsv(listTasks()), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  }
  if (accept && !accept.includes('application/json') && !accept.includes('*/*')) {
    return c.json({ error: 'This resource is available as application/json or text/csv' }, 406)
  }
  return c.json(listTasks())
})

// The old address of the list, moved for good: 301 tells browsers and search engines to
// update their links. (308 would also keep the method and body of a POST.)
app.get('/todo', (c) => c.redirect('/tasks', 301))

// Everything else comes from public/ ("/" is public/index.html).
app.use('/*', serveStatic({ root: './public' }))

export default app
