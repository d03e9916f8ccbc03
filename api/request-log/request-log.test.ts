import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { jsonLineLogger, requestLog, type RequestLogEntry, type RequestLogEnv } from './request-log.ts'

function appWithLog() {
  const lines: RequestLogEntry[] = []
  const app = new Hono<RequestLogEnv>()
  app.use(requestLog({ logger: (line) => lines.push(line) }))
  app.post('/answer', async (c) => {
    const log = c.get('requestLog')
    log.model = 'gpt-4o-mini'
    log.usage = { prompt: 3, completion: 4, total: 7 }
    return c.json({ ok: true })
  })
  app.post('/stream', (c) => {
    let end!: () => void
    c.get('requestLog').finished = new Promise<void>((resolve) => (end = resolve))
    const body = new ReadableStream(
      {
        pull(controller) {
          controller.enqueue(new TextEncoder().encode('data: x\n\n'))
          controller.close()
          c.get('requestLog').usage = { prompt: 1, completion: 1, total: 2 }
          end()
        },
        // No read-ahead: the stream ends only when the client reads it.
      },
      { highWaterMark: 0 },
    )
    return c.body(body)
  })
  app.get('/fail', (c) =>
    c.json({ error: { message: 'no', type: 'invalid_request_error', param: null, code: 'nope' } }, 400),
  )
  return { app, lines }
}

describe('requestLog', () => {
  it('writes one structured line with method, path, status, duration, model and tokens — no body, no query', async () => {
    const { app, lines } = appWithLog()
    await app.request('/answer?key=sk-secret', {
      method: 'POST',
      body: 'secret body',
      headers: { authorization: 'Bearer sk-secret' },
    })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'ai request',
      method: 'POST',
      path: '/answer',
      status: 200,
      model: 'gpt-4o-mini',
      prompt_tokens: 3,
      completion_tokens: 4,
      total_tokens: 7,
    })
    expect(typeof lines[0]!.duration_ms).toBe('number')
    expect(JSON.stringify(lines)).not.toMatch(/secret/)
  })

  it('writes a streamed request when its stream ends, with the usage known by then', async () => {
    const { app, lines } = appWithLog()
    const res = await app.request('/stream', { method: 'POST' })
    expect(lines).toHaveLength(0)
    await res.text()
    await expect.poll(() => lines.length).toBe(1)
    expect(lines[0]).toMatchObject({ total_tokens: 2, status: 200 })
  })

  it('records the error code of an error answer', async () => {
    const { app, lines } = appWithLog()
    await app.request('/fail')
    expect(lines[0]).toMatchObject({ level: 'warn', status: 400, error_code: 'nope' })
  })
})

describe('jsonLineLogger', () => {
  const line = (path: string): RequestLogEntry => ({
    time: 't',
    level: 'info',
    msg: 'ai request',
    method: 'GET',
    path,
    status: 200,
    duration_ms: 1,
  })

  it('writes lines in batches: when enough are waiting, or soon after the first', async () => {
    const writes: string[] = []
    const log = jsonLineLogger({ write: (lines) => writes.push(lines), maxLines: 3, flushAfterMs: 10 })
    log(line('/a'))
    log(line('/b'))
    expect(writes).toEqual([])
    log(line('/c'))
    expect(writes).toHaveLength(1)
    expect(writes[0]!.split('\n').map((l) => (JSON.parse(l) as RequestLogEntry).path)).toEqual([
      '/a',
      '/b',
      '/c',
    ])
    log(line('/d'))
    await expect.poll(() => writes.length).toBe(2)
    expect(JSON.parse(writes[1]!)).toMatchObject({ path: '/d' })
  })

  it('writes what is waiting on flush', () => {
    const writes: string[] = []
    const log = jsonLineLogger({ write: (lines) => writes.push(lines), flushAfterMs: 60_000 })
    log(line('/a'))
    log.flush()
    expect(writes).toHaveLength(1)
  })
})
