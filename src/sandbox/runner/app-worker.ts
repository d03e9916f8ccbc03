/**
 * The dedicated module Worker that runs one learner app: it links the prepared modules into
 * blob: URLs, imports src/app.ts and answers `app.fetch(request)` for the runner. Learner code
 * lives here, on the sandbox origin, with no DOM, no browser cookies and no course storage; the
 * runner terminates this worker when a request passes its deadline. `console.*` and uncaught
 * errors go back as log entries located in the learner's files.
 */
import type { LogEntry, LogLevel } from '../runtime.ts'
import { linkModules } from '../module-link.ts'
import { formatLogArgs } from '../log-format.ts'
import {
  chunkStream,
  deserializeRequest,
  deserializeResponse,
  type StreamChunk,
  serializeRequest,
  transferablesOf,
  type RunnerToWorker,
  type SerializedResponse,
  type WorkerToRunner,
} from '../protocol.ts'
import { learnerFrames, locateInStack, replaceModuleUrls, type SourceLocation } from '../source-location.ts'
import { toAppHeaders } from '../cookie-transport.ts'
import { installServerHeaders } from './server-headers.ts'
import { installAiTokenFetch, setAiToken } from './ai-token-fetch.ts'

// Before any learner or vendored module runs: Cookie and Set-Cookie work as under Node.
installServerHeaders(globalThis)

interface WorkerScope {
  postMessage(message: WorkerToRunner, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<RunnerToWorker>) => void): void
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void
}

const scope = globalThis as unknown as WorkerScope
installAiTokenFetch(globalThis)
const FILES = Symbol.for('course.sandbox.files')
const DATABASE = Symbol.for('course.sandbox.database')
/** Module URL → sandbox path, for locating stack frames. */
const modulePaths = new Map<string, string>()
let app: { fetch(request: Request): Response | Promise<Response> } | undefined

function post(message: WorkerToRunner, transfer: Transferable[] = []) {
  scope.postMessage(message, transfer)
}

// ── logs: console.* and uncaught errors, rate-limited so a logging loop cannot flood the page ──

const LOGS_PER_SECOND = 200
let windowStart = 0
let inWindow = 0
let dropped = 0

function emit(entry: LogEntry) {
  const now = Date.now()
  if (now - windowStart > 1000) {
    if (dropped > 0) {
      post({
        kind: 'log',
        entry: {
          level: 'warn',
          message: `${dropped} more log lines were dropped (over ${LOGS_PER_SECOND} a second).`,
          time: now,
          source: 'system',
        },
      })
    }
    windowStart = now
    inWindow = 0
    dropped = 0
  }
  if (++inWindow > LOGS_PER_SECOND) {
    dropped++
    return
  }
  post({ kind: 'log', entry })
}

function formatError(err: Error): string {
  const head = replaceModuleUrls(`${err.name}: ${err.message}`, modulePaths)
  return [head, ...learnerFrames(err.stack, modulePaths)].join('\n')
}

function logEntry(level: LogLevel, message: string, location: SourceLocation | undefined): LogEntry {
  return { level, message, time: Date.now(), source: 'app', ...location }
}

const original = { ...console }
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  console[level] = (...args: unknown[]) => {
    // An Error argument is located where it was thrown; anything else where console was called.
    const error = args.find((a): a is Error => a instanceof Error)
    const location = locateInStack(error?.stack ?? new Error().stack, modulePaths)
    emit(logEntry(level === 'trace' ? 'debug' : level, formatLogArgs(args, formatError), location))
    original[level](...args)
  }
}

function errorEntry(err: unknown, prefix = ''): LogEntry {
  if (err instanceof Error)
    return logEntry('error', prefix + formatError(err), locateInStack(err.stack, modulePaths))
  return logEntry('error', `${prefix}${formatLogArgs([err])}`, undefined)
}

scope.addEventListener('error', (event) => {
  event.preventDefault()
  const location = locateInStack(`${event.filename}:${event.lineno}:${event.colno}`, modulePaths)
  emit(
    event.error instanceof Error
      ? errorEntry(event.error, 'Uncaught ')
      : logEntry('error', `Uncaught ${event.message}`, location),
  )
})

scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  emit(errorEntry(event.reason, 'Unhandled promise rejection: '))
})

// ── messages from the runner ──

scope.addEventListener('message', (event) => {
  const message = event.data
  if (message.kind === 'preload') {
    // Vendored modules land in this worker's module map, so the next run starts without fetching them.
    for (const url of message.urls) import(/* @vite-ignore */ url).catch(() => {})
  } else if (message.kind === 'load') {
    void load(message)
  } else if (message.kind === 'fetch') {
    void answer(message.id, message.request)
  } else if (message.kind === 'cancel') {
    void streaming.get(message.id)?.cancel()
    streaming.delete(message.id)
  } else if (message.kind === 'chunk') {
    serviceStreams.get(message.id)?.(message)
    if (message.done) serviceStreams.delete(message.id)
  } else if (message.kind === 'service-response') {
    serviceCalls.get(message.id)?.(message)
    serviceCalls.delete(message.id)
  } else if (message.kind === 'ai-token') {
    setAiToken(message.token)
  }
})

// ── services: fetch('http://payments/charge') reaches the sandbox's payments app ──

const serviceCalls = new Map<number, (reply: Extract<RunnerToWorker, { kind: 'service-response' }>) => void>()
/** Streamed answers from other services, by call id. */
const serviceStreams = new Map<number, (chunk: StreamChunk) => void>()
let nextServiceCall = 1

/**
 * Wraps fetch so `http://<service>/…` goes to that service through the runner, as a container
 * name does in docker compose. It fails like the network: a stopped service rejects with
 * TypeError("fetch failed") whose cause is ECONNREFUSED, and the request's signal aborts it.
 */
function routeServices(services: string[]) {
  const networkFetch = globalThis.fetch.bind(globalThis)
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.protocol !== 'http:' || url.port || !services.includes(url.hostname)) return networkFetch(request)
    const signal = request.signal
    signal.throwIfAborted()
    const id = nextServiceCall++
    const reply = new Promise<Extract<RunnerToWorker, { kind: 'service-response' }>>((resolve, reject) => {
      serviceCalls.set(id, resolve)
      signal.addEventListener('abort', () => {
        serviceCalls.delete(id)
        reject(signal.reason)
      })
    })
    const serialized = await serializeRequest(request)
    post({ kind: 'service-fetch', id, request: serialized }, transferablesOf(serialized))
    const answer = await reply
    if (!answer.response) {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error(answer.error ?? 'connection refused'), { code: 'ECONNREFUSED' }),
      })
    }
    if (!answer.streamed) return deserializeResponse(answer.response)
    const { stream, push } = chunkStream(() => post({ kind: 'cancel', id }))
    serviceStreams.set(id, push)
    return deserializeResponse(answer.response, stream)
  }
}

async function load(message: Extract<RunnerToWorker, { kind: 'load' }>) {
  ;(globalThis as Record<symbol, unknown>)[FILES] = message.files
  ;(globalThis as Record<symbol, unknown>)[DATABASE] = message.database
  // Node's process.env, with only what the runtime sets (PGDATA for a sandbox's database), so
  // `new PGlite(process.env.PGDATA)` reads the same under Node and here.
  const global = globalThis as { process?: { env: Record<string, string> } }
  global.process ??= { env: {} }
  Object.assign(global.process.env, message.env)
  if (message.services.length) routeServices(message.services)
  origin = message.origin
  setAiToken(message.aiToken, message.courseOrigin)
  let urls: Map<string, string>
  try {
    urls = linkModules(message.modules, (code) =>
      URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
    )
  } catch (err) {
    post({ kind: 'load-failed', entry: errorEntry(err) })
    return
  }
  for (const [path, url] of urls) modulePaths.set(url, path)
  // Packages first: fetching them is network time, which the runner does not count against the
  // app's deadline (it starts at 'evaluating').
  try {
    await Promise.all(message.vendorUrls.map((url) => import(/* @vite-ignore */ url)))
  } catch (err) {
    post({
      kind: 'load-failed',
      entry: logEntry(
        'error',
        `Could not load the packages the app imports: ${(err as Error).message}`,
        undefined,
      ),
    })
    return
  }
  post({ kind: 'evaluating' })
  try {
    const mod = (await import(/* @vite-ignore */ urls.get(message.entry)!)) as { default?: unknown }
    const candidate = mod.default as { fetch?: unknown } | undefined
    if (!candidate || typeof candidate.fetch !== 'function') {
      const names = Object.keys(mod)
      post({
        kind: 'load-failed',
        entry: logEntry(
          'error',
          `${message.entry} must end with \`export default app\` (a Hono app), but its default export is ${
            candidate === undefined ? 'missing' : 'not an app'
          }${names.length ? ` (it exports: ${names.join(', ')})` : ''}.`,
          { file: message.entry, line: 1 },
        ),
      })
      return
    }
    app = candidate as typeof app
    post({ kind: 'loaded' })
  } catch (err) {
    const entry = errorEntry(err)
    // A module that fails to link names no line; point at the entry so the learner has a place to start.
    post({ kind: 'load-failed', entry: entry.file ? entry : { ...entry, file: message.entry } })
  }
}

let origin = ''

/** Readers of responses being streamed, by request id (so the runner can cancel them). */
const streaming = new Map<number, ReadableStreamDefaultReader<Uint8Array>>()

function toBuffer(chunk: Uint8Array): ArrayBuffer {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
    ? (chunk.buffer as ArrayBuffer)
    : (chunk.slice().buffer as ArrayBuffer)
}

/**
 * A body whose second piece is not ready at once (SSE, streamText, a slow generator) is sent as
 * it is produced: the head first, then each chunk. Anything else goes in one message, as before.
 */
async function sendResponse(id: number, res: Response) {
  const head: SerializedResponse = {
    status: res.status,
    statusText: res.statusText,
    headers: [...res.headers],
    body: null,
  }
  if (!res.body) return post({ kind: 'response', id, response: head })
  const reader = res.body.getReader()
  const first = await reader.read()
  const chunks: Uint8Array[] = first.done ? [] : [first.value]
  let next = first.done ? undefined : reader.read()
  if (next) {
    const quick = await Promise.race([next, new Promise<undefined>((r) => setTimeout(r, 0))])
    if (quick) {
      // Ready at once: read the rest the same way until something makes us wait.
      let result: ReadableStreamReadResult<Uint8Array> | undefined = quick
      while (result && !result.done) {
        chunks.push(result.value)
        next = reader.read()
        result = await Promise.race([next, new Promise<undefined>((r) => setTimeout(r, 0))])
      }
      if (result?.done) next = undefined
    }
  }
  if (!next) {
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
    let at = 0
    for (const c of chunks) body.set(c, (at += c.byteLength) - c.byteLength)
    const response = { ...head, body: body.buffer as ArrayBuffer }
    return post({ kind: 'response', id, response }, transferablesOf(response))
  }
  post({ kind: 'response', id, response: head, streamed: true })
  for (const c of chunks) post({ kind: 'chunk', id, data: toBuffer(c) })
  streaming.set(id, reader)
  try {
    for (let result = await next; !result.done; result = await reader.read()) {
      const data = toBuffer(result.value)
      post({ kind: 'chunk', id, data }, [data])
    }
    post({ kind: 'chunk', id, done: true })
  } catch (err) {
    post({ kind: 'chunk', id, done: true, error: (err as Error)?.message ?? String(err) })
  } finally {
    streaming.delete(id)
  }
}

async function answer(id: number, serialized: Parameters<typeof deserializeRequest>[0]) {
  let response: SerializedResponse
  try {
    const url = new URL(serialized.url)
    const request = deserializeRequest(
      { ...serialized, headers: toAppHeaders(serialized.headers) },
      `${origin}${url.pathname}${url.search}`,
      navigator.userAgent,
    )
    return await sendResponse(id, await app!.fetch(request))
  } catch (err) {
    // Hono answers 500 itself for errors in handlers; this is for apps whose fetch throws.
    emit(errorEntry(err))
    const body = new TextEncoder().encode('Internal Server Error').buffer as ArrayBuffer
    response = { status: 500, statusText: '', headers: [['content-type', 'text/plain; charset=utf-8']], body }
  }
  post({ kind: 'response', id, response }, transferablesOf(response))
}
