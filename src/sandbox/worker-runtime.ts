/**
 * The worker runtime as the course page sees it: a SandboxRuntime that runs a sandbox's Hono
 * app in the browser, offline, with no Node. The app runs in a Worker inside a hidden runner
 * iframe on the separate sandbox origin (see docs/sandboxes.md for why), so learner code never
 * touches the course's cookies, storage or DOM, and an endless loop cannot freeze this page.
 *
 *   import { WorkerRuntime, previewUrlFor } from '../sandbox/worker-runtime.ts'
 *
 *   const runtime = new WorkerRuntime()        // sandbox origin + deadline from GET /api/runtime-config
 *   runtime.onLog((entry) => console.log(entry.file, entry.line, entry.message))
 *   runtime.onStatus((status) => {
 *     // 'booting' → 'starting' → 'running' | 'crashed'; 'running' gets previewUrl once previews work
 *     // (a second 'running' event may add it). Show pages with previewUrlFor(status.previewUrl, config.preview).
 *   })
 *   runtime.prepare()                          // optional: load the runner early (editor opened)
 *   await runtime.start(files)                 // rejects with "src/app.ts:3: SyntaxError: …" when it cannot start
 *   const res = await runtime.fetch(new Request('http://sandbox/hello'))  // only path + query matter
 *   if (isRuntimeError(res)) …                 // the runtime answered instead of the app (timeout, not running)
 *   await runtime.update(editedFiles)          // re-run after an edit (only if started)
 *   await runtime.stop(); runtime.dispose()
 *
 * Requests have a deadline (`timeoutMs`, 5 s by default): past it the app's worker is
 * terminated and restarted with the same files, and the request gets a 504 runtime error.
 */
import {
  chunkStream,
  deserializeResponse,
  type StreamChunk,
  runtimeErrorResponse,
  serializeRequest,
  transferablesOf,
  type ConnectRunner,
  type DatabaseCall,
  type PageToRunner,
  type RunnerReady,
  type RunnerToPage,
  type RunStats,
} from './protocol.ts'
import type {
  LogEntry,
  RuntimeStatus,
  SandboxFiles,
  SandboxRuntime,
  ServiceState,
  StartOptions,
} from './runtime.ts'
import { databaseSetup, hasDatabase } from './database.ts'
import { courseAiToken, onAiTokenRefresh, usesAiProxy } from './ai-token.ts'
import { runnerMessage } from './runner-messages.ts'

export interface RuntimeConfig {
  /** Origin of the sandbox server, e.g. "http://localhost:4322". */
  sandboxOrigin: string
  /** Deadline of one request (and of loading the app), in milliseconds. */
  requestTimeoutMs: number
}

let configPromise: Promise<RuntimeConfig> | undefined

/** The course server's runtime settings (GET /api/runtime-config), fetched once per page. */
export function loadRuntimeConfig(): Promise<RuntimeConfig> {
  configPromise ??= (async () => {
    const response = await fetch('/api/runtime-config', { headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`GET /api/runtime-config answered ${response.status}`)
    const config = (await response.json()) as Partial<RuntimeConfig>
    if (typeof config.sandboxOrigin !== 'string' || typeof config.requestTimeoutMs !== 'number') {
      throw new Error('GET /api/runtime-config did not return { sandboxOrigin, requestTimeoutMs }')
    }
    return { sandboxOrigin: config.sandboxOrigin, requestTimeoutMs: config.requestTimeoutMs }
  })().catch((err: Error) => {
    configPromise = undefined // let a later Run retry
    throw new Error(
      `Could not read the sandbox settings from the course server (${err.message}). Reload the page to try again.`,
    )
  })
  return configPromise
}

/** The URL of `path` (from sandbox.json's `preview`, e.g. "/") inside a running app's preview. */
export function previewUrlFor(previewUrl: string, path = '/'): string {
  return new URL(path.replace(/^\/+/, ''), previewUrl).href
}

export interface WorkerRuntimeOptions {
  /** The sandbox's name, for the runner iframe's title (the same option WebContainerRuntime takes). */
  name?: string
  /** Use this sandbox origin instead of asking /api/runtime-config. */
  sandboxOrigin?: string
  /** Deadline per request and for the app to load, in ms (default: the server's, 5000). */
  timeoutMs?: number
  /** Where the hidden runner iframe is added (default: document.body). */
  container?: HTMLElement
  /** sandbox.json's services (name → entry file), for a sandbox of several apps. */
  services?: Record<string, string>
  /** Longest wait for the runner to load, settings included (default 15 s). */
  runnerLoadTimeoutMs?: number
}

type Reply = Extract<RunnerToPage, { kind: 'reply' }>

interface Connection {
  port: MessagePort
  iframe: HTMLIFrameElement
  timeoutMs: number
}

const RUNNER_LOAD_TIMEOUT_MS = 15_000
/** Extra time the page gives the runner beyond the app's own deadline before it calls the runner dead. */
const RUNNER_GRACE_MS = 5_000
/** Longest a sandbox database may take to open: Postgres is fetched, compiled and initialised the first time. */
const DATABASE_OPEN_MS = 180_000

export class WorkerRuntime implements SandboxRuntime {
  readonly kind = 'worker' as const
  /** What the runner measured during the last start (transpile time per file, start time). */
  lastRun: RunStats | undefined
  #options: WorkerRuntimeOptions
  #status: RuntimeStatus = { state: 'idle' }
  /**
   * The service requests go to (sandboxes with several): fetch() sends `http://<service>/path`;
   * undefined means the first one.
   */
  service: string | undefined
  #services: Record<string, ServiceState> = {}
  #servicesListeners = new Set<(services: Record<string, ServiceState>) => void>()
  #logListeners = new Set<(entry: LogEntry) => void>()
  #statusListeners = new Set<(status: RuntimeStatus) => void>()
  #connection: Promise<Connection> | undefined
  #pending = new Map<number, (reply: Reply | undefined) => void>()
  /** Streamed bodies being read, by the id of their fetch. */
  #streams = new Map<number, (chunk: StreamChunk) => void>()
  /** Chunks that came before their stream was set up (same task, but to be safe). */
  #early = new Map<number, StreamChunk[]>()
  #nextId = 1
  #started = false
  #disposed = false

  constructor(options: WorkerRuntimeOptions = {}) {
    this.#options = options
  }

  get status(): RuntimeStatus {
    return this.#status
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    this.#logListeners.add(listener)
    return () => this.#logListeners.delete(listener)
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  /** Loads the runner (and the vendored hono) ahead of the first Run; safe to call repeatedly. */
  async prepare(): Promise<void> {
    await this.#connect()
  }

  async start(files: SandboxFiles, options: StartOptions = {}): Promise<void> {
    this.#started = true
    let connection: Connection
    try {
      connection = await this.#connect()
    } catch (err) {
      this.#setStatus({ state: 'crashed', message: (err as Error).message })
      throw err
    }
    // The course AI proxy may require an access token: fetched by this (course) page, handed
    // to the app, which sends it in place of its placeholder key (runner/ai-token-fetch.ts).
    const aiToken = usesAiProxy(files) ? (await courseAiToken())?.token : undefined
    if (aiToken) this.#watchAiToken(connection)
    const reply = await this.#call(
      connection,
      {
        kind: 'start',
        id: 0,
        files,
        timeoutMs: connection.timeoutMs,
        ...(this.#options.name ? { sandbox: this.#options.name } : {}),
        ...(options.freshDatabase ? { freshDatabase: true } : {}),
        ...(this.#options.services ? { services: this.#options.services } : {}),
        ...(aiToken ? { aiToken } : {}),
      },
      [],
      // A sandbox's database, the first time: fetching and compiling Postgres, then initdb.
      connection.timeoutMs * 2 + RUNNER_GRACE_MS + (hasDatabase(files) ? DATABASE_OPEN_MS : 0),
    )
    if (!reply)
      throw new Error(
        this.#status.state === 'crashed' ? this.#status.message : 'The sandbox stopped responding.',
      )
    if (reply.stats) this.lastRun = reply.stats
    if (reply.error) throw new Error(reply.error)
  }

  async update(files: SandboxFiles): Promise<void> {
    if (!this.#started || this.#status.state === 'stopped') return
    await this.start(files)
  }

  async fetch(request: Request): Promise<Response> {
    if (!this.#connection)
      return deserializeResponse(
        runtimeErrorResponse('not-running', 'The app is not running: press Run to start it.'),
      )
    let connection: Connection
    try {
      connection = await this.#connection
    } catch (err) {
      return deserializeResponse(runtimeErrorResponse('unreachable', (err as Error).message))
    }
    const serialized = await serializeRequest(request)
    if (this.service) {
      const url = new URL(serialized.url)
      serialized.url = `http://${this.service}${url.pathname}${url.search}`
    }
    const reply = await this.#call(
      connection,
      { kind: 'fetch', id: 0, request: serialized },
      transferablesOf(serialized),
      connection.timeoutMs + RUNNER_GRACE_MS,
    )
    if (!reply?.response) {
      return deserializeResponse(
        runtimeErrorResponse('unreachable', 'The sandbox stopped responding. Run the app again.'),
      )
    }
    if (!reply.streamed) return deserializeResponse(reply.response)
    // The body arrives as the app produces it (SSE, streamText): chunk messages with the reply's id.
    const id = reply.id
    const { stream, push } = chunkStream(() => {
      this.#streams.delete(id)
      connection.port.postMessage({ kind: 'cancel', id } satisfies PageToRunner)
    })
    this.#streams.set(id, push)
    for (const chunk of this.#early.get(id) ?? []) push(chunk)
    this.#early.delete(id)
    return deserializeResponse(reply.response, stream)
  }

  /**
   * A call to the sandbox's database (Data panel, Reset data), opening it first if needed; it
   * uses `files`' db/schema.sql and db/seed.sql for a new database and for Reset data.
   */
  async database<T>(files: SandboxFiles, call: DatabaseCall): Promise<T> {
    const connection = await this.#connect()
    const reply = await this.#call(
      connection,
      { kind: 'db', id: 0, sandbox: this.#options.name ?? 'sandbox', setup: databaseSetup(files), call },
      [],
      DATABASE_OPEN_MS + RUNNER_GRACE_MS,
    )
    if (!reply) throw new Error('The sandbox stopped responding. Run the app again.')
    if (reply.error) throw new Error(reply.error)
    return reply.result as T
  }

  /** Each service's state (sandboxes with several services). */
  get services(): Record<string, ServiceState> {
    return this.#services
  }

  onServices(listener: (services: Record<string, ServiceState>) => void): () => void {
    this.#servicesListeners.add(listener)
    return () => this.#servicesListeners.delete(listener)
  }

  /** Stops or starts one service; the others keep running (and see it fail). */
  async setService(service: string, action: 'stop' | 'start'): Promise<void> {
    const connection = await this.#connect()
    const reply = await this.#call(
      connection,
      { kind: 'service', id: 0, service, action },
      [],
      connection.timeoutMs * 2 + RUNNER_GRACE_MS,
    )
    if (!reply) throw new Error('The sandbox stopped responding. Run the app again.')
    if (reply.error) throw new Error(reply.error)
  }

  async stop(): Promise<void> {
    this.#started = false
    if (!this.#connection) return this.#setStatus({ state: 'stopped' })
    const connection = await this.#connection.catch(() => undefined)
    if (connection) await this.#call(connection, { kind: 'stop', id: 0 }, [], RUNNER_GRACE_MS)
    this.#setStatus({ state: 'stopped' })
  }

  #stopWatchingAiToken: (() => void) | undefined

  #watchAiToken(connection: Connection) {
    this.#stopWatchingAiToken ??= onAiTokenRefresh(({ token }) => {
      void this.#call(connection, { kind: 'ai-token', id: 0, token }, [], RUNNER_GRACE_MS)
    })
  }

  dispose(): void {
    this.#disposed = true
    this.#stopWatchingAiToken?.()
    void this.#connection?.then((c) => this.#disconnect(c)).catch(() => {})
    this.#connection = undefined
    this.#logListeners.clear()
    this.#statusListeners.clear()
  }

  #setStatus(status: RuntimeStatus) {
    this.#status = status
    for (const listener of this.#statusListeners) listener(status)
  }

  #connect(): Promise<Connection> {
    if (this.#disposed) return Promise.reject(new Error('This runtime was disposed.'))
    if (!this.#connection) {
      this.#setStatus({ state: 'booting', detail: 'loading the sandbox runner' })
      this.#connection = this.#openRunner()
      this.#connection.catch(() => (this.#connection = undefined))
    }
    return this.#connection
  }

  /**
   * The runner, loaded within one deadline from the first step (reading the settings) to its
   * handshake: a settings request that never answers, or a runner page that never loads,
   * ends in a crashed status that says what to check, never in "Starting…" for ever.
   */
  async #openRunner(): Promise<Connection> {
    const loadTimeoutMs = this.#options.runnerLoadTimeoutMs ?? RUNNER_LOAD_TIMEOUT_MS
    const deadline = Date.now() + loadTimeoutMs
    const tooLate = (what: string) =>
      new Error(
        `${what} did not load within ${loadTimeoutMs / 1000} s. Check that the sandbox server is running (npm start serves it next to the course), then run again.`,
      )
    let configTimer: ReturnType<typeof setTimeout> | undefined
    const config = this.#options.sandboxOrigin
      ? { sandboxOrigin: this.#options.sandboxOrigin, requestTimeoutMs: 5000 }
      : await Promise.race([
          loadRuntimeConfig(),
          new Promise<never>((_, reject) => {
            configTimer = setTimeout(
              () => reject(tooLate('The sandbox settings (/api/runtime-config)')),
              loadTimeoutMs,
            )
          }),
        ]).finally(() => clearTimeout(configTimer))
    const origin = new URL(config.sandboxOrigin).origin
    const timeoutMs = this.#options.timeoutMs ?? config.requestTimeoutMs
    const session = crypto.randomUUID()
    const iframe = document.createElement('iframe')
    iframe.src = `${origin}/runner.html?session=${session}&parent=${encodeURIComponent(location.origin)}`
    iframe.title = this.#options.name ? `Sandbox runner: ${this.#options.name}` : 'Sandbox runner'
    iframe.tabIndex = -1
    iframe.setAttribute('aria-hidden', 'true')
    // Tiny but not display:none, so the browser does not throttle the runner's timers (deadlines).
    iframe.style.cssText =
      'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0;pointer-events:none'

    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          window.removeEventListener('message', onMessage)
          reject(tooLate(`The sandbox runner at ${origin}`))
        },
        Math.max(0, deadline - Date.now()),
      )
      const onMessage = (event: MessageEvent<RunnerReady>) => {
        // Only our own runner iframe, from the sandbox origin, for this session.
        if (event.source !== iframe.contentWindow || event.origin !== origin) return
        if (event.data?.kind !== 'runner-ready' || event.data.session !== session) return
        clearTimeout(timer)
        window.removeEventListener('message', onMessage)
        resolve()
      }
      window.addEventListener('message', onMessage)
    })
    ;(this.#options.container ?? document.body).append(iframe)
    try {
      await ready
    } catch (err) {
      iframe.remove()
      throw err
    }
    const channel = new MessageChannel()
    // Checked before use: previews share the runner's origin and can post through it.
    const previewPrefix = `${origin}/preview/${encodeURIComponent(session)}/`
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      const message = runnerMessage(event.data, previewPrefix)
      if (message) this.#fromRunner(message)
    }
    iframe.contentWindow!.postMessage({ kind: 'connect', session } satisfies ConnectRunner, origin, [
      channel.port2,
    ])
    return { port: channel.port1, iframe, timeoutMs }
  }

  #disconnect(connection: Connection) {
    connection.port.close()
    connection.iframe.remove()
    for (const resolve of this.#pending.values()) resolve(undefined)
    this.#pending.clear()
  }

  #fromRunner(message: RunnerToPage) {
    if (message.kind === 'chunk') {
      const push = this.#streams.get(message.id)
      if (push) push(message)
      else this.#early.set(message.id, [...(this.#early.get(message.id) ?? []), message])
      if (message.done) this.#streams.delete(message.id)
    } else if (message.kind === 'reply') {
      this.#pending.get(message.id)?.(message)
      this.#pending.delete(message.id)
    } else if (message.kind === 'log') {
      for (const listener of this.#logListeners) listener(message.entry)
    } else if (message.kind === 'status') {
      this.#setStatus(message.status)
    } else if (message.kind === 'services') {
      this.#services = message.services
      for (const listener of this.#servicesListeners) listener(message.services)
    }
  }

  /** Sends a message and waits for its reply; undefined (and a reset runner) if none comes in time. */
  #call(
    connection: Connection,
    message: PageToRunner,
    transfer: Transferable[],
    guardMs: number,
  ): Promise<Reply | undefined> {
    const id = this.#nextId++
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        // The runner itself is gone (its process crashed, e.g. out of memory): start over next time.
        if (this.#connection) {
          this.#connection = undefined
          this.#disconnect(connection)
          this.#setStatus({
            state: 'crashed',
            message: 'The sandbox stopped responding (out of memory?). Run the app again.',
          })
        }
        resolve(undefined)
      }, guardMs)
      this.#pending.set(id, (reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
      connection.port.postMessage({ ...message, id }, transfer)
    })
  }
}
