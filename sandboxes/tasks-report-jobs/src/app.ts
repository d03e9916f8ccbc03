import { Hono } from 'hono'
import { buildReport, findJob } from './jobs.ts'

// Today POST /reports makes the client wait while the report is built. Your task:
// 1. Answer 202 Accepted at once, with { jobId, status: "queued" } and a Location header
//    pointing at GET /reports/:id; createJob() in jobs.ts queues the work for the worker.
// 2. Require an Idempotency-Key header (400 without one). The first request with a key creates
//    the job; the same key with the same body again answers the SAME response (same jobId),
//    so a client that retries after a timeout does not start a second report.
// 3. The same key with a different body is a client bug: answer 422.
const app = new Hono()

app.post('/reports', async (c) => {
  const body = (await c.req.json().catch(() => null)) as { projectId?: unknown } | null
  if (typeof body?.projectId !== 'string') return c.json({ error: 'Send {"projectId":"…"}' }, 400)
  const result = await buildReport(body.projectId)
  return c.json({ projectId: body.projectId, ...result })
})

app.get('/reports/:id', (c) => {
  const job = findJob(c.req.param('id'))
  return job ? c.json(job) : c.json({ error: 'Report not found' }, 404)
})

export default app
