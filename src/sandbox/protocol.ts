/**
 * Messages between the four parts of the worker runtime, and how requests and responses
 * cross them. Parts: the course page (`worker-runtime.ts`), the runner page on the sandbox
 * origin (`runner/runner.ts`), the dedicated Worker that runs the learner's app
 * (`runner/app-worker.ts`) and the sandbox origin's Service Worker (`runner/service-worker.ts`).
 * Requests and responses travel as plain objects with their body as a transferable ArrayBuffer.
 */
import type { LogEntry, RuntimeStatus, SandboxFiles } from './runtime.ts'
import { RUNTIME_ERROR_HEADER, type RuntimeErrorKind } from './runtime.ts'
import type { PreparedModule } from './module-link.ts'
import type { DatabaseSetup } from './database.ts'
import { toPageHeaders } from './cookie-transport.ts'
import { sandboxRequest, withServerDefaults } from './sandbox-request.ts'
import { methodAllowsBody, NULL_BODY_STATUS } from '../shared/http-rules.ts'

export interface SerializedRequest {
  method: string
  url: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

export interface SerializedResponse {
  status: number
  statusText: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

/** What the runner measured while starting an app (shown by the bench). */
export interface RunStats {
  /** Milliseconds spent transpiling + analysing each file that was not cached. */
  transpileMs: Record<string, number>
  /** Files served from the transpile cache. */
  cached: string[]
  /** From the start message to the app answering requests. */
  startMs: number
  /** Part of startMs spent building the module graph (transpiling, analysing, resolving). */
  graphMs: number
  /** Part of startMs spent in the worker: linking, importing vendored and learner modules. */
  loadMs: number
  /** True when a pre-started worker with the vendored modules already loaded was used. */
  warmWorker: boolean
}

// ── course page ⇄ runner (over a MessagePort handed over after the origin-checked handshake) ──

export type PageToRunner =
  | {
      kind: 'start'
      id: number
      files: SandboxFiles
      timeoutMs: number
      sandbox?: string
      /** Run against a freshly seeded scratch database (checks), not the sandbox's own. */
      freshDatabase?: boolean
      /** sandbox.json's services: name → entry file; absent for a sandbox of one app. */
      services?: Record<string, string>
      /** The course AI proxy's access token for the app's calls, when one is required. */
      aiToken?: string
    }
  /** A fresh access token replacing one about to expire. */
  | { kind: 'ai-token'; id: number; token: string }
  | { kind: 'service'; id: number; service: string; action: 'stop' | 'start' }
  | { kind: 'stop'; id: number }
  | { kind: 'fetch'; id: number; request: SerializedRequest }
  | { kind: 'cancel'; id: number }
  /** The sandbox's database (Data panel, Reset data): see DatabaseCall. */
  | { kind: 'db'; id: number; sandbox: string; setup: DatabaseSetup; call: DatabaseCall }

/** What the page may ask of a sandbox's database; each answers with the DB worker's result. */
export type DatabaseCall =
  | { method: 'tables' }
  | { method: 'rows'; schema: string; table: string; offset: number; limit: number }
  | { method: 'sql'; sql: string; limit: number }
  | { method: 'reset' }

export type RunnerToPage =
  | {
      kind: 'reply'
      id: number
      error?: string
      response?: SerializedResponse
      /** The response's body follows as 'chunk' messages with this id. */
      streamed?: boolean
      stats?: RunStats
      result?: unknown
    }
  | StreamChunk
  | { kind: 'log'; entry: LogEntry }
  | { kind: 'status'; status: RuntimeStatus }
  /** Each service's state, for sandboxes with several. */
  | { kind: 'services'; services: Record<string, RuntimeStatus['state']> }

/** First message of the handshake, posted by the runner to its parent window. */
export interface RunnerReady {
  kind: 'runner-ready'
  session: string
}

/** The course page's answer: carries the MessagePort used from then on. */
export interface ConnectRunner {
  kind: 'connect'
  session: string
}

// ── runner ⇄ app worker ──

export type RunnerToWorker =
  | { kind: 'preload'; urls: string[] }
  | {
      kind: 'load'
      modules: PreparedModule[]
      entry: string
      files: SandboxFiles
      origin: string
      vendorUrls: string[]
      /** `process.env` of the app (PGDATA when it has a database). */
      env: Record<string, string>
      /** A port to the sandbox's DB worker, for vendor/pglite.ts. */
      database?: { port: MessagePort; dataDir: string }
      /** Host names that reach the sandbox's other services through the runner. */
      services: string[]
      /** The course page's origin, whose /api/openai/ gets `aiToken` (ai-token-fetch.ts). */
      courseOrigin: string
      aiToken?: string
    }
  | { kind: 'ai-token'; token: string }
  | { kind: 'fetch'; id: number; request: SerializedRequest }
  /** The reader of a streamed response went away: cancel the app's stream. */
  | { kind: 'cancel'; id: number }
  | StreamChunk
  | {
      kind: 'service-response'
      id: number
      response?: SerializedResponse
      streamed?: boolean
      error?: string
    }

export type WorkerToRunner =
  /** The vendored packages are loaded; the learner's modules run now (the deadline starts). */
  | { kind: 'evaluating' }
  | { kind: 'loaded' }
  | { kind: 'load-failed'; entry: LogEntry }
  | { kind: 'log'; entry: LogEntry }
  /** `streamed`: the body follows as 'chunk' messages (an SSE or streamText answer). */
  | { kind: 'response'; id: number; response: SerializedResponse; streamed?: boolean }
  | StreamChunk
  /** The app calls another service: fetch('http://payments/…'). */
  | { kind: 'service-fetch'; id: number; request: SerializedRequest }
  /** It stopped reading a streamed answer of another service. */
  | { kind: 'cancel'; id: number }

/**
 * A piece of a streamed response body, as the app produced it; the last has `done` (and
 * `error` when the stream failed). Sent app worker → runner → page (or Service Worker).
 */
export interface StreamChunk {
  kind: 'chunk'
  id: number
  data?: ArrayBuffer
  done?: boolean
  error?: string
}

/**
 * Where the chunks of one streamed body go, buffered until someone reads them: the runner keeps
 * one per streamed response and relays it to the page, a preview or a calling service.
 */
export class StreamRelay {
  #queue: StreamChunk[] = []
  #sink: ((chunk: StreamChunk) => void) | undefined
  #cancel: () => void
  closed = false

  constructor(cancel: () => void) {
    this.#cancel = cancel
  }

  push(chunk: StreamChunk) {
    if (this.closed) return
    if (chunk.done) this.closed = true
    if (this.#sink) this.#sink(chunk)
    else this.#queue.push(chunk)
  }

  /** Sends every chunk so far, then each as it comes. */
  pipe(sink: (chunk: StreamChunk) => void) {
    this.#sink = sink
    for (const chunk of this.#queue.splice(0)) sink(chunk)
  }

  cancel() {
    if (!this.closed) this.#cancel()
    this.closed = true
  }
}

/** A ReadableStream fed by chunk messages; `onCancel` when its reader stops reading. */
export function chunkStream(onCancel: () => void): {
  stream: ReadableStream<Uint8Array>
  push(chunk: StreamChunk): void
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let done = false
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => {
      done = true
      onCancel()
    },
  })
  return {
    stream,
    push(chunk) {
      if (done) return
      if (chunk.data) controller.enqueue(new Uint8Array(chunk.data))
      if (chunk.done) {
        done = true
        if (chunk.error) controller.error(new TypeError(`The response stream failed: ${chunk.error}`))
        else controller.close()
      }
    },
  }
}

// ── service worker ⇄ runner (over a MessageChannel per preview request) ──

export interface PreviewRequest {
  kind: 'preview-request'
  session: string
  request: SerializedRequest
}

export async function serializeRequest(request: Request): Promise<SerializedRequest> {
  const body = methodAllowsBody(request.method) ? await request.arrayBuffer() : null
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: body && body.byteLength ? body : null,
  }
}

/**
 * The request as the learner's app receives it: every header that was sent (a browser's
 * `new Request()` would drop `User-Agent`, `Cookie`, `Host`…), plus what any server sees
 * (`Host`, `Content-Length`, a `User-Agent`: see sandbox-request.ts).
 */
export function deserializeRequest(
  request: SerializedRequest,
  url = request.url,
  userAgent?: string,
): Request {
  const headers = withServerDefaults(request.headers, {
    url,
    userAgent,
    bodyLength: request.body?.byteLength,
  })
  return sandboxRequest(url, { method: request.method, headers, body: request.body })
}

export async function serializeResponse(response: Response): Promise<SerializedResponse> {
  const body = response.body ? await response.arrayBuffer() : null
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body }
}

/** The page cannot receive Set-Cookie: it arrives folded into the mirror header (./cookie-transport.ts). */
export function deserializeResponse(
  response: SerializedResponse,
  stream?: ReadableStream<Uint8Array>,
): Response {
  const body = NULL_BODY_STATUS.has(response.status) ? null : (stream ?? response.body)
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: toPageHeaders(response.headers),
  })
}

const RUNTIME_ERROR_STATUS: Record<RuntimeErrorKind, number> = {
  timeout: 504,
  'not-running': 503,
  restarted: 502,
  unreachable: 502,
}

/** The response a runtime sends in the app's place: JSON, marked with the runtime-error header. */
export function runtimeErrorResponse(kind: RuntimeErrorKind, message: string): SerializedResponse {
  const body = new TextEncoder().encode(JSON.stringify({ error: message, runtimeError: kind }))
  return {
    status: RUNTIME_ERROR_STATUS[kind],
    statusText: '',
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      [RUNTIME_ERROR_HEADER, kind],
    ],
    body: body.buffer as ArrayBuffer,
  }
}

/** Buffers to transfer (not copy) with a message. */
export function transferablesOf(value: SerializedRequest | SerializedResponse | undefined): ArrayBuffer[] {
  return value?.body ? [value.body] : []
}
