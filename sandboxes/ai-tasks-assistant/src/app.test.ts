// The app against the course's real AI proxy in offline demo mode, served on a loopback port as
// the browser runtime reaches it: streaming with the Responses API, and a tool-call round trip.
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApi } from '../../../api/app.ts'

let server: ServerType
let app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }

beforeAll(async () => {
  const api = createApi({ env: {}, ai: { logger: () => {}, demoChunkDelayMs: 0 } })
  const origin = await new Promise<string>((resolve) => {
    server = serve({ fetch: new Hono().route('/api', api).fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    )
  })
  vi.resetModules()
  process.env.COURSE_ORIGIN = origin
  app = (await import('./app.ts')).default
  delete process.env.COURSE_ORIGIN
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('ai-tasks-assistant against the course proxy (offline demo model)', () => {
  it('POST /summary streams server-sent delta events, then done', async () => {
    const res = await post('/summary', {})
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const text = await res.text()
    const deltas = [...text.matchAll(/^event: delta\ndata: (.*)$/gm)].map((m) => m[1])
    expect(deltas.length).toBeGreaterThan(5)
    expect(deltas.join('')).toContain('offline demo model')
    expect(text).toMatch(/event: done\ndata: \{"status":"completed","outputTokens":\d+\}/)
  })

  it('POST /ask runs the tool the model calls and answers with its result', async () => {
    const res = await post('/ask', { question: 'Which tasks are still open?' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { answer: string; toolCalls: string[] }
    expect(body.toolCalls).toEqual(['list_tasks({})'])
    expect(body.answer).toContain('The list_tasks tool returned: [{"id":"t1"')
  })

  it('POST /ask refuses a missing question without calling the model', async () => {
    expect((await post('/ask', {})).status).toBe(400)
  })
})
