// The app against the course's real AI proxy (api/, offline demo mode) on a loopback port, as
// in the browser runtime; and against a failing stand-in, for the error answers.
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApi } from '../../../api/app.ts'

interface Server {
  origin: string
  close(): Promise<void>
}

/** Serves `fetch` on 127.0.0.1, on a port the system picks (no clashes with other test runs). */
function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
          }),
      }),
    )
    server.once('error', reject)
  })
}

/** Imports a fresh copy of the app that calls the proxy at `origin`. */
async function appFor(origin: string) {
  vi.resetModules()
  process.env.COURSE_ORIGIN = origin
  try {
    return (await import('./app.ts')).default
  } finally {
    delete process.env.COURSE_ORIGIN
  }
}

const json = { 'Content-Type': 'application/json' }
const ask = (app: Awaited<ReturnType<typeof appFor>>, path: string, body: string) =>
  app.request(path, { method: 'POST', headers: json, body })

describe('ai-hello against the course proxy (offline demo model)', () => {
  let proxy: Server
  let app: Awaited<ReturnType<typeof appFor>>

  beforeAll(async () => {
    // No OPENAI_API_KEY: the proxy answers from its offline demo model; no pauses between pieces.
    const api = createApi({ env: {}, ai: { logger: () => {}, demoChunkDelayMs: 0 } })
    proxy = await listen(new Hono().route('/api', api).fetch)
    app = await appFor(proxy.origin)
  })
  afterAll(() => proxy?.close())

  it('POST /ask answers { answer } from the demo model', async () => {
    const res = await ask(app, '/ask', '{"question":"What does a 404 status code mean?"}')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { answer: string }
    expect(Object.keys(body)).toEqual(['answer'])
    expect(body.answer).toContain("the course's offline demo model")
    expect(body.answer).toContain('What does a 404 status code mean?')
  })

  it('POST /ask/stream streams the same answer as plain text', async () => {
    const res = await ask(app, '/ask/stream', '{"question":"What is a route?"}')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const pieces: string[] = []
    const decoder = new TextDecoder()
    for await (const chunk of res.body!) pieces.push(decoder.decode(chunk, { stream: true }))
    const text = pieces.join('')
    expect(text).toContain("the course's offline demo model")
    expect(text).toContain('What is a route?')
    expect(text).not.toContain('cut off')
  })

  it('a missing, empty or non-string question, or a broken body, is a 400 with a JSON error', async () => {
    for (const path of ['/ask', '/ask/stream']) {
      for (const body of ['{}', '{"question":"   "}', '{"question":42}', 'null']) {
        const res = await ask(app, path, body)
        expect(res.status, `${path} ${body}`).toBe(400)
        expect(await res.json()).toEqual({ error: 'Missing question parameter' })
      }
      const broken = await ask(app, path, '{"question":')
      expect(broken.status).toBe(400)
      expect(await broken.json()).toEqual({ error: 'Invalid JSON body' })
    }
  })

  it('only answers POST', async () => {
    expect((await app.request('/ask')).status).toBe(404)
  })
})

describe('ai-hello when the AI service fails', () => {
  let failing: Server
  let status = 500
  const logged: unknown[] = []

  beforeAll(async () => {
    // Answers like an OpenAI-compatible server in trouble; `x-should-retry: false` keeps the SDK from retrying.
    failing = await listen(() =>
      Response.json(
        {
          error: {
            message: 'Incorrect API key provided: sk-secret',
            type: 'server_error',
            param: null,
            code: null,
          },
        },
        { status, headers: { 'x-should-retry': 'false' } },
      ),
    )
    vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args))
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await failing?.close()
  })

  it('an upstream 429 is passed on as a 429 with a clean JSON error; plain and streamed', async () => {
    status = 429
    const app = await appFor(failing.origin)
    for (const path of ['/ask', '/ask/stream']) {
      const res = await ask(app, path, '{"question":"Hi"}')
      expect(res.status).toBe(429)
      expect(await res.json()).toEqual({ error: 'Too many questions right now, try again in a minute' })
    }
  })

  it('other upstream errors become a 502 that reveals nothing of the upstream message', async () => {
    status = 500
    const app = await appFor(failing.origin)
    for (const path of ['/ask', '/ask/stream']) {
      const res = await ask(app, path, '{"question":"Hi"}')
      expect(res.status).toBe(502)
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({ error: 'The AI service is unavailable, try again later' })
      expect(text).not.toContain('sk-')
    }
    expect(logged.length).toBeGreaterThan(0)
  })

  it('an unreachable proxy is a 502 too', async () => {
    const gone = await listen(() => new Response(''))
    const origin = gone.origin
    await gone.close()
    const app = await appFor(origin)
    const res = await ask(app, '/ask', '{"question":"Hi"}')
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({ error: 'The AI service is unavailable, try again later' })
  })
})
