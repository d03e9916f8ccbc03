import { Hono } from 'hono'
import { createJob, findJob } from './jobs.ts'

// What a key answered the first time, and the body it came with. In production this lives in
// the database or Redis, shared by every instance, and expires after a day or so.
interface Saved {
  body: string
  status: 202
  json: { jobId: string; status: 'queued' }
  location: string
}
const byKey = new Map<string, Saved>()

const app = new Hono()

app.post('/reports', async (c) => {
  const key = c.req.header('Idempotency-Key')
  if (!key) return c.json({ error: 'Send an Idempotency-Key header (for example a UUID)' }, 400)

  const raw = await c.req.text()
  let body: { projectId?: unknown } | null = null
  try {
    body = JSON.parse(raw) as { projectId?: unknown }
  } catch {
    // handled below
  }
  if (typeof body?.projectId !== 'string') return c.json({ error: 'Send {"projectId":"…"}' }, 400)

  const saved = byKey.get(key)
  if (saved) {
    // Same key, different request: the client reused a key by mistake. Refuse rather than guess.
    if (saved.body !== raw)
      return c.json({ error: 'This Idempotency-Key was used with a different body' }, 422)
    return c.json(saved.json, saved.status, { Location: saved.location, 'Idempotent-Replayed': 'true' })
  }

  const job = createJob(body.projectId)
  const answer: Saved = {
    body: raw,
    status: 202,
    json: { jobId: job.id, status: 'queued' },
    location: `/reports/${job.id}`,
  }
  byKey.set(key, answer) // saved before answering: a retry that arrives next finds it
  return c.json(answer.json, 202, { Location: answer.location })
})

app.get('/reports/:id', (c) => {
  const job = findJob(c.req.param('id'))
  return job ? c.json(job) : c.json({ error: 'Report not found' }, 404)
})

export default app
