import { afterEach, describe, expect, test, vi } from 'vitest'
import { AppHost, seconds, type AppHostContext } from './app-host.ts'
import type {
  RunnerToPage,
  RunnerToWorker,
  SerializedRequest,
  SerializedResponse,
  StreamChunk,
  WorkerToRunner,
} from '../protocol.ts'
import { RUNTIME_ERROR_HEADER, type LogEntry, type RuntimeStatus } from '../runtime.ts'

/**
 * AppHost with the real transpiler and module graph, and a fake of the app worker that plays
 * the worker's side of the protocol (protocol.ts): each test says how it answers.
 */
type Behaviour = (message: RunnerToWorker, worker: FakeWorker) => void

class FakeWorker {
  onmessage: ((event: MessageEvent<WorkerToRunner>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  received: RunnerToWorker[] = []
  terminated = false
  constructor(private readonly behave: Behaviour) {}
  postMessage(message: RunnerToWorker) {
    this.received.push(message)
    queueMicrotask(() => this.behave(message, this))
  }
  terminate() {
    this.terminated = true
  }
  send(message: WorkerToRunner) {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<WorkerToRunner>)
  }
  get loads() {
    return this.received.filter((m) => m.kind === 'load').length
  }
}

const VENDOR: Record<string, string> = { hono: 'https://sandbox.test/vendor/hono-AAAAAAAA.js' }
const APP = {
  'src/app.ts':
    "import { Hono } from 'hono'\nconst app = new Hono()\napp.get('/', (c) => c.text('hi'))\nexport default app\n",
}

function body(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer
}
function text(response: SerializedResponse): string {
  return response.body ? new TextDecoder().decode(response.body) : ''
}
function get(path: string): SerializedRequest {
  return { method: 'GET', url: `http://localhost${path}`, headers: [], body: null }
}
function runtimeError(response: SerializedResponse): string | undefined {
  return response.headers.find(([name]) => name === RUNTIME_ERROR_HEADER)?.[1]
}

/** Loads at once; answers GET /slow never, anything else with its path. */
const healthy: Behaviour = (message, worker) => {
  if (message.kind === 'load') {
    worker.send({ kind: 'evaluating' })
    worker.send({ kind: 'loaded' })
  } else if (message.kind === 'fetch' && !message.request.url.endsWith('/slow')) {
    const path = new URL(message.request.url).pathname
    worker.send({
      kind: 'response',
      id: message.id,
      response: { status: 200, statusText: 'OK', headers: [], body: body(`you asked for ${path}`) },
    })
  }
}

function setup(behave: Behaviour = healthy) {
  const workers: FakeWorker[] = []
  const page: RunnerToPage[] = []
  const logs: string[] = []
  const statuses: RuntimeStatus[] = []
  const context: AppHostContext = {
    spawnWorker: () => {
      const worker = new FakeWorker(behave)
      workers.push(worker)
      return worker as unknown as Worker
    },
    compiler: import('../module-graph.ts').then((graph) => ({ ...graph, cache: new graph.TranspileCache() })),
    clientModules: import('../client-modules.ts'),
    resolveBare: (specifier) => VENDOR[specifier],
    vendorSpecifiers: Object.keys(VENDOR),
    availablePackages: 'hono/*',
    origin: 'https://sandbox.test',
    courseOrigin: 'https://course.test',
    toPage: (message) => page.push(message),
    log: (entry) => logs.push(entry.message),
    statusChanged: (_host, status) => statuses.push(status),
    previewUrl: 'https://sandbox.test/preview/s/',
    previewsReady: () => false,
    registerPreviews: () => Promise.resolve(false),
    serviceFetch: () => Promise.resolve({ error: 'no other services' }),
    aiToken: () => undefined,
  }
  const host = new AppHost(context)
  const openDatabase = () => Promise.resolve('no database in these tests')
  const start = (files: Record<string, string> = APP, timeoutMs = 1000) =>
    host.start(files, timeoutMs, { openDatabase })
  const pageLogs = () =>
    page.filter((m): m is Extract<RunnerToPage, { kind: 'log' }> => m.kind === 'log').map((m) => m.entry)
  return { host, start, workers, logs, statuses, pageLogs }
}

afterEach(() => vi.useRealTimers())

describe('AppHost', () => {
  test('a request before any run is answered by the runtime: the app is not running', async () => {
    const { host } = setup()
    const { response } = await host.fetch(get('/tasks'))
    expect(response.status).toBe(503)
    expect(runtimeError(response)).toBe('not-running')
    expect(JSON.parse(text(response)).error).toMatch(/press Run/)
  })

  test('runs the app in the pre-started worker and relays its answers', async () => {
    const { host, start, workers, statuses } = setup()
    expect(workers).toHaveLength(1) // started with the page, fetching hono
    expect(workers[0]!.received[0]).toEqual({ kind: 'preload', urls: [VENDOR.hono] })
    const { error, stats } = await start()
    expect(error).toBeUndefined()
    expect(stats?.warmWorker).toBe(true)
    expect(workers[0]!.loads).toBe(1)
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'running'])
    const { response } = await host.fetch(get('/tasks?done=1'))
    expect(response.status).toBe(200)
    expect(text(response)).toBe('you asked for /tasks')
  })

  test('a new run replaces the worker: the old one is terminated, a spare with the packages takes over', async () => {
    const { start, workers } = setup()
    await start()
    await start({ 'src/app.ts': APP['src/app.ts'].replace("'hi'", "'v2'") })
    expect(workers[0]!.terminated).toBe(true)
    const current = workers.find((w) => w.loads === 1 && !w.terminated)!
    expect(current).toBeDefined()
    // Spawned after the first run loaded, with what that run imported.
    expect(current.received[0]).toEqual({ kind: 'preload', urls: [VENDOR.hono] })
  })

  test('code that does not compile crashes the run with file and line, and never reaches a worker', async () => {
    const { start, workers, statuses, pageLogs } = setup()
    const { error } = await start({ 'src/app.ts': 'const x = {\nexport default x\n' })
    expect(error).toMatch(/^src\/app\.ts:\d+(:\d+)?: /)
    expect(statuses.at(-1)).toMatchObject({ state: 'crashed' })
    expect(pageLogs()[0]).toMatchObject({ level: 'error', file: 'src/app.ts', source: 'app' })
    expect(pageLogs()[0]!.line).toBeGreaterThan(0)
    expect(workers.every((w) => w.loads === 0)).toBe(true)
  })

  test("a module that throws while loading crashes the run with the learner's file and line", async () => {
    const entry: LogEntry = {
      level: 'error',
      message: 'tasks is not defined\n    at src/app.ts:3:5',
      file: 'src/app.ts',
      line: 3,
      time: 0,
      source: 'app',
    }
    const { host, start, statuses, pageLogs } = setup((message, worker) => {
      if (message.kind === 'load') worker.send({ kind: 'load-failed', entry })
    })
    const { error } = await start()
    expect(error).toBe('src/app.ts:3: tasks is not defined')
    expect(pageLogs()).toContainEqual(entry)
    expect(statuses.at(-1)).toEqual({ state: 'crashed', message: error })
    const { response } = await host.fetch(get('/'))
    expect(runtimeError(response)).toBe('not-running')
    expect(JSON.parse(text(response)).error).toMatch(/could not start/)
  })

  test('top-level code that never finishes is stopped after the deadline', async () => {
    const { start, workers, logs } = setup((message, worker) => {
      if (message.kind === 'load') worker.send({ kind: 'evaluating' }) // and never 'loaded'
    })
    const { error } = await start(APP, 50)
    expect(error).toBe(
      'src/app.ts did not finish loading within 0.1 s: is there an endless loop at the top level of a module?',
    )
    expect(logs.at(-1)).toMatch(/The app was stopped\.$/)
    expect(workers.find((w) => w.loads === 1)!.terminated).toBe(true)
  })

  test('packages that never load fail the run after 30 s, whatever the request deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { start } = setup(() => {}) // the worker never reports back
    const run = start(APP, 50)
    await vi.advanceTimersByTimeAsync(29_000)
    let settled = false
    void run.then(() => (settled = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect((await run).error).toMatch(/^The packages the app imports did not load within 30 s\./)
  })

  test('a request that does not answer in time gets a timeout, and the app restarts in a new worker', async () => {
    const { host, start, workers, logs, statuses } = setup()
    await start(APP, 50)
    const first = workers.find((w) => w.loads === 1)!
    const { response } = await host.fetch(get('/slow'))
    expect(response.status).toBe(504)
    expect(runtimeError(response)).toBe('timeout')
    expect(logs.at(-1)).toMatch(
      /^GET \/slow did not answer within 0\.1 s, so the app was stopped and restarted/,
    )
    expect(first.terminated).toBe(true)
    expect(statuses).toContainEqual({ state: 'starting', detail: 'restarting after a request timed out' })
    await vi.waitFor(() => expect(statuses.at(-1)?.state).toBe('running'))
    const again = await host.fetch(get('/tasks'))
    expect(text(again.response)).toBe('you asked for /tasks')
    expect(workers.filter((w) => w.loads === 1 && !w.terminated)).toHaveLength(1)
  })

  test('requests in flight when the app is stopped are answered: stopped before it answered', async () => {
    const { host, start, statuses } = setup()
    await start(APP, 5000)
    const inFlight = host.fetch(get('/slow'))
    await Promise.resolve()
    host.stop()
    const { response } = await inFlight
    expect(runtimeError(response)).toBe('not-running')
    expect(JSON.parse(text(response)).error).toBe('The app was stopped before it answered this request.')
    expect(statuses.at(-1)).toEqual({ state: 'stopped' })
  })

  test('a streamed answer is relayed chunk by chunk; stopping the app ends it with an error', async () => {
    const { host, start, workers } = setup((message, worker) => {
      healthy(message, worker)
      if (message.kind === 'fetch' && message.request.url.endsWith('/slow')) {
        worker.send({
          kind: 'response',
          id: message.id,
          response: {
            status: 200,
            statusText: 'OK',
            headers: [['content-type', 'text/event-stream']],
            body: null,
          },
          streamed: true,
        })
        worker.send({ kind: 'chunk', id: message.id, data: body('data: 1\n\n') })
      }
    })
    await start(APP, 50)
    const { response, stream } = await host.fetch(get('/slow'))
    expect(response.headers).toContainEqual(['content-type', 'text/event-stream'])
    const chunks: StreamChunk[] = []
    stream!.pipe((chunk) => chunks.push(chunk))
    // The deadline covers the head only: an open stream outlives it.
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(workers.some((w) => w.terminated && w.loads === 1)).toBe(false)
    expect(chunks.map((c) => c.data && new TextDecoder().decode(c.data))).toEqual(['data: 1\n\n'])
    host.stop()
    expect(chunks.at(-1)).toMatchObject({
      done: true,
      error: 'the app was stopped while it was sending this response',
    })
  })

  test('the worker script itself failing to start is a crash with what the browser said', async () => {
    const { start } = setup((message, worker) => {
      if (message.kind === 'load')
        worker.onerror?.({ message: 'Failed to fetch', preventDefault() {} } as ErrorEvent)
    })
    expect((await start()).error).toBe('The sandbox worker failed to start: Failed to fetch.')
  })
})

test('seconds: whole seconds plain, others to a tenth', () => {
  expect(seconds(30_000)).toBe('30 s')
  expect(seconds(1500)).toBe('1.5 s')
  expect(seconds(50)).toBe('0.1 s')
})
