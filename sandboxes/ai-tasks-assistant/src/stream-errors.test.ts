// POST /summary when the model call fails after the stream has started: an upstream on a real
// loopback port answers 200 with a few Responses API events, then fails in each way the API can
// (a `response.failed` event, an `error` event, a stream that stops with no final event). The client
// must get an `event: error`, never a silent end, since the 200 is already sent.
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

let server: ServerType
let app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }
let ending: 'failed' | 'error' | 'cut' = 'failed'

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

beforeAll(async () => {
  const upstream = new Hono().post('/api/openai/v1/responses', () => {
    const parts = [
      sse('response.output_text.delta', { type: 'response.output_text.delta', delta: 'Two of ' }),
    ]
    if (ending === 'failed')
      parts.push(
        sse('response.failed', {
          type: 'response.failed',
          response: { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'boom' } },
        }),
      )
    if (ending === 'error') parts.push(sse('error', { type: 'error', code: 'server_error', message: 'boom' }))
    return new Response(parts.join(''), { headers: { 'Content-Type': 'text/event-stream' } })
  })
  const origin = await new Promise<string>((resolve) => {
    server = serve({ fetch: upstream.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    )
  })
  vi.resetModules()
  process.env.COURSE_ORIGIN = origin
  app = (await import('./app.ts')).default
  delete process.env.COURSE_ORIGIN
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

describe('POST /summary when the model fails mid-answer', () => {
  for (const how of ['failed', 'error', 'cut'] as const) {
    it(`sends the text so far, then an error event (${how})`, async () => {
      ending = how
      const res = await app.request('/summary', { method: 'POST' })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).toContain('event: delta\ndata: Two of \n')
      expect(text).toContain('event: error\ndata: {"error":"The AI service failed mid-answer"}')
      expect(text).not.toContain('event: done')
    })
  }
})
