/**
 * One app of the sandbox (or one service of several) as the runner page hosts it: its code
 * compiled into a module graph and run in a dedicated Worker, one worker at a time plus a spare
 * that already has the vendored modules loaded. It enforces the deadlines (packages must load,
 * top-level code must finish, each request must answer, or the worker is terminated and the app
 * restarted), relays streamed responses, and reports status and logs.
 *
 * Everything it needs from the page comes in an AppHostContext, so it runs in a unit test with
 * a fake worker as it does on the sandbox origin (runner.ts builds the real context).
 */
import type { ModuleGraph, TranspileCache } from '../module-graph.ts'
import type { buildModuleGraph, SandboxCodeError } from '../module-graph.ts'
import type * as ClientModules from '../client-modules.ts'
import {
  runtimeErrorResponse,
  transferablesOf,
  type RunnerToPage,
  type RunStats,
  type RunnerToWorker,
  StreamRelay,
  type SerializedRequest,
  type SerializedResponse,
  type WorkerToRunner,
} from '../protocol.ts'
import type { LogEntry, RuntimeStatus, SandboxFiles } from '../runtime.ts'
import { DATA_DIR_VARIABLE, PGLITE_SPECIFIER } from '../database.ts'
import type { DbHost } from './db-host.ts'

/** What the host needs of a Worker (a fake one in tests). */
export type AppWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>

export interface AppHostContext {
  /** A new worker running app-worker.ts. */
  spawnWorker(): AppWorker
  /** The transpiler, loaded apart from the page's first code. */
  compiler: Promise<{
    buildModuleGraph: typeof buildModuleGraph
    SandboxCodeError: typeof SandboxCodeError
    cache: TranspileCache
  }>
  clientModules: Promise<typeof ClientModules>
  /** A vendored package's URL on the sandbox origin, by import specifier. */
  resolveBare(specifier: string): string | undefined
  /** Every vendored specifier, for a preview page's import map. */
  vendorSpecifiers: string[]
  /** The vendored packages as a learner reads them ("hono/*, zod, …"), for import errors. */
  availablePackages: string
  /** The sandbox origin and the course page's origin (the app's `fetch` to the AI proxy). */
  origin: string
  courseOrigin: string
  toPage(message: RunnerToPage, transfer?: Transferable[]): void
  /** A system line in the learner's console. */
  log(entry: Omit<LogEntry, 'time' | 'source'> & Partial<Pick<LogEntry, 'source'>>): void
  /** This host's status changed (the page and the services bar hear of it). */
  statusChanged(host: AppHost, status: RuntimeStatus): void
  /** Previews: their base URL, whether the Service Worker is ready, and registering it. */
  previewUrl: string
  previewsReady(): boolean
  registerPreviews(): Promise<boolean>
  /** The app calls another service (`fetch('http://payments/…')`). */
  serviceFetch(
    from: string,
    request: SerializedRequest,
  ): Promise<{ response?: SerializedResponse; stream?: StreamRelay; error?: string }>
  /** The course AI proxy's access token, when one is required. */
  aiToken(): string | undefined
}

interface AppRun {
  worker: AppWorker
  state: 'loading' | 'ready' | 'dead'
  loaded: Promise<string | undefined>
  settle: (error?: string) => void
  /** Called when the worker starts running learner code (the load deadline starts then). */
  evaluating?: () => void
  /** Its port to the DB worker, released when the run ends. */
  dbConnection?: string
  db?: DbHost
}

const PACKAGES_TIMEOUT_MS = 30_000

interface Pending {
  run: AppRun
  label: string
  timer: ReturnType<typeof setTimeout>
  resolve: (response: SerializedResponse, stream?: StreamRelay) => void
}

export class AppHost {
  readonly #ctx: AppHostContext
  timeoutMs = 5000
  #files: SandboxFiles = {}
  #graph: ModuleGraph | undefined
  #run: AppRun | undefined
  #spare: AppWorker | undefined
  #pending = new Map<number, Pending>()
  #nextId = 1
  #status: RuntimeStatus = { state: 'idle' }
  /** The database the current run's app talks to (shared by every service). */
  #runDb: DbHost | undefined
  /** The service this host runs ('' for a sandbox of one app). */
  readonly service: string
  /** The sandbox's services, for routing `fetch('http://<service>/…')` (empty for one app). */
  services: string[] = []
  #entry: string | undefined

  constructor(ctx: AppHostContext, service = '') {
    this.#ctx = ctx
    this.service = service
    // Every sandbox imports hono: start a worker and fetch it while the page is still deciding to run.
    const hono = ctx.resolveBare('hono')
    this.#spare = this.#spawn(hono ? [hono] : [])
  }

  get state(): RuntimeStatus['state'] {
    return this.#status.state
  }

  setStatus(status: RuntimeStatus) {
    this.#status = status
    this.#ctx.statusChanged(this, status)
  }

  /** The status again with the preview URL, once the Service Worker is ready. */
  previewsBecameReady() {
    if (this.#status.state === 'running')
      this.setStatus({ state: 'running', previewUrl: this.#ctx.previewUrl })
  }

  /** Gives the running app a fresh AI access token (the next runs get `aiToken` in their load message). */
  sendAiToken(token: string) {
    this.#run?.worker.postMessage({ kind: 'ai-token', token } satisfies RunnerToWorker)
  }

  /**
   * (Re)starts the app from `files` (its entry: the service's file, or src/app.ts). `database`
   * opens the database it talks to, when the sandbox has one (shared by all services).
   */
  async start(
    files: SandboxFiles,
    timeoutMs: number,
    options: {
      entry?: string
      database?: Promise<DbHost | string | undefined>
      openDatabase: () => Promise<DbHost | string>
    },
  ): Promise<{ error?: string; stats?: RunStats }> {
    const t0 = performance.now()
    this.timeoutMs = timeoutMs
    this.#files = files
    this.#entry = options.entry
    this.#reopen = options.openDatabase
    this.setStatus({ state: 'starting' })
    const { buildModuleGraph, SandboxCodeError, cache } = await this.#ctx.compiler
    let graph: ModuleGraph
    try {
      graph = await buildModuleGraph(files, {
        resolveBare: this.#ctx.resolveBare,
        cache,
        availablePackages: this.#ctx.availablePackages,
        ...(options.entry ? { entry: options.entry } : {}),
      })
    } catch (err) {
      if (!(err instanceof SandboxCodeError)) throw err
      this.#stopWorker('restarted')
      const where = err.line ? `${err.file}:${err.line}${err.column ? `:${err.column}` : ''}` : err.file
      this.#ctx.toPage({
        kind: 'log',
        entry: {
          level: 'error',
          message: err.message,
          file: err.file,
          line: err.line,
          column: err.column,
          time: Date.now(),
          source: 'app',
        },
      })
      const message = `${where}: ${err.message}`
      this.setStatus({ state: 'crashed', message })
      return { error: message }
    }
    this.#graph = graph
    const warmWorker = this.#spare !== undefined
    const pglite = this.#ctx.resolveBare(PGLITE_SPECIFIER)
    // An app that imports PGlite without db/schema.sql still gets its (empty) database.
    const db = await (options.database ??
      (pglite && graph.vendorUrls.includes(pglite) ? options.openDatabase() : undefined))
    const dbError = typeof db === 'string' ? db : undefined
    this.#runDb = typeof db === 'string' ? undefined : db
    if (dbError) {
      this.#stopWorker('restarted')
      this.setStatus({ state: 'crashed', message: dbError })
      return { error: dbError }
    }
    const t1 = performance.now()
    const error = await this.#load(graph)
    const t2 = performance.now()
    const stats = {
      transpileMs: graph.transpileMs,
      cached: graph.cached,
      startMs: t2 - t0,
      graphMs: t1 - t0,
      loadMs: t2 - t1,
      warmWorker,
    }
    return error === undefined ? { stats } : { error, stats }
  }

  stop() {
    this.#stopWorker('not-running')
    this.setStatus({ state: 'stopped' })
  }

  /** Starts a stopped service again with the files of the last Run. */
  async restart(): Promise<string | undefined> {
    if (!this.#graph) return 'This service has not run yet: press Run.'
    this.setStatus({ state: 'starting' })
    if (this.#reopen && this.#runDb) {
      const db = await this.#reopen()
      if (typeof db === 'string') return db
      this.#runDb = db
    }
    return this.#load(this.#graph)
  }

  #reopen: (() => Promise<DbHost | string>) | undefined

  /** The DB worker was replaced (a statement ran too long): the app's port to it is dead, so restart the app. */
  databaseRestarted() {
    const run = this.#run
    if (!run || run.state === 'dead' || !this.#graph || !this.#runDb || !this.#reopen) return
    const graph = this.#graph
    this.setStatus({ state: 'starting', detail: 'restarting after the database was restarted' })
    void this.#reopen().then((db) => {
      if (typeof db === 'string') return this.setStatus({ state: 'crashed', message: db })
      this.#runDb = db
      if (this.#graph === graph) void this.#load(graph)
    })
  }

  /** Relays of streamed responses in flight, by request id. */
  #streams = new Map<number, { run: AppRun; relay: StreamRelay }>()
  /** Streamed answers of other services this app is reading, by its call id. */
  #calls = new Map<number, StreamRelay>()

  /** The app's answer: in one piece, or (`stream`) its head now and its body as it is produced. */
  async fetch(request: SerializedRequest): Promise<{ response: SerializedResponse; stream?: StreamRelay }> {
    const response = await this.#fetch(request)
    return 'response' in response ? response : { response }
  }

  async #fetch(
    request: SerializedRequest,
  ): Promise<SerializedResponse | { response: SerializedResponse; stream?: StreamRelay }> {
    if (this.#run?.state === 'loading') await this.#run.loaded
    const run = this.#run
    if (!run || run.state !== 'ready') {
      const why =
        this.#status.state === 'crashed'
          ? 'The app could not start: fix the error shown in the console, then run it again.'
          : 'The app is not running: press Run to start it.'
      return runtimeErrorResponse('not-running', why)
    }
    const id = this.#nextId++
    const url = new URL(request.url)
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#timedOut(id), this.timeoutMs)
      this.#pending.set(id, {
        run,
        label: `${request.method} ${url.pathname}${url.search}`,
        timer,
        resolve: (response, stream) => resolve(stream ? { response, stream } : response),
      })
      run.worker.postMessage({ kind: 'fetch', id, request }, transferablesOf(request))
    })
  }

  /**
   * A preview page's request: like `fetch`, plus what a dev server does for the page's own code
   * (its .jsx/.tsx/.ts modules transpiled, an import map for the vendored packages; see
   * client-modules.ts). A module that does not compile is reported in the console with its line.
   */
  async previewFetch(
    request: SerializedRequest,
  ): Promise<{ response: SerializedResponse; stream?: StreamRelay }> {
    const answer = await this.fetch(request)
    // A streamed body (an SSE endpoint the page listens to) passes through as it comes.
    if (answer.stream) return answer
    const { response } = answer
    const type = response.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''
    const urlPath = new URL(request.url).pathname
    const { isClientModulePath, transformClientResponse, vendorImportMap } = await this.#ctx.clientModules
    if (!response.body || !(/^text\/html\b/i.test(type) || isClientModulePath(urlPath))) return answer
    const result = transformClientResponse(
      urlPath,
      { status: response.status, headers: response.headers, body: new TextDecoder().decode(response.body) },
      { files: Object.keys(this.#files), importMap: vendorImportMap(this.#ctx.vendorSpecifiers) },
    )
    if (result.kind === 'unchanged') return answer
    if (result.kind === 'failed') {
      const { error } = result
      this.#ctx.toPage({
        kind: 'log',
        entry: {
          level: 'error',
          message: `${error.message} (in the page's module ${error.file})`,
          file: error.file,
          line: error.line,
          column: error.column,
          time: Date.now(),
          source: 'app',
        },
      })
    }
    const { status, headers, body } = result.response
    return {
      response: {
        status,
        statusText: '',
        headers,
        body: new TextEncoder().encode(body).buffer as ArrayBuffer,
      },
    }
  }

  #spawn(preload: string[]): AppWorker {
    const worker = this.#ctx.spawnWorker()
    if (preload.length) worker.postMessage({ kind: 'preload', urls: preload })
    return worker
  }

  #load(graph: ModuleGraph): Promise<string | undefined> {
    this.#stopWorker('restarted')
    const worker = this.#spare ?? this.#spawn([])
    this.#spare = undefined
    let settle!: (error?: string) => void
    const loaded = new Promise<string | undefined>((resolve) => (settle = resolve))
    const run: AppRun = { worker, state: 'loading', loaded, settle }
    this.#run = run
    worker.onmessage = (event: MessageEvent<WorkerToRunner>) => this.#fromWorker(run, event.data)
    worker.onerror = (event) => {
      // The worker script itself failed (not learner code, which is caught inside the worker).
      event.preventDefault()
      if (run.state === 'loading')
        this.#failed(run, `The sandbox worker failed to start: ${event.message || 'unknown error'}.`)
    }
    const host = this.#runDb?.open ? this.#runDb : undefined
    const aiToken = this.#ctx.aiToken()
    const db = host?.connect()
    if (db) {
      run.dbConnection = db.connection
      run.db = host
    }
    worker.postMessage(
      {
        kind: 'load',
        modules: graph.modules,
        entry: graph.entry,
        files: this.#files,
        origin: this.#ctx.origin,
        vendorUrls: graph.vendorUrls,
        env: db ? { [DATA_DIR_VARIABLE]: host!.dataDir } : {},
        services: this.services,
        courseOrigin: this.#ctx.courseOrigin,
        ...(aiToken ? { aiToken } : {}),
        ...(db ? { database: { port: db.port, dataDir: host!.dataDir } } : {}),
      } satisfies RunnerToWorker,
      db ? [db.port] : [],
    )
    // Fetching packages may take a while on a slow network; running the learner's modules may not.
    let timer = setTimeout(() => {
      if (run.state !== 'loading') return
      const message = `The packages the app imports did not load within ${seconds(PACKAGES_TIMEOUT_MS)}. Check the connection to the sandbox server, then run again.`
      this.#ctx.log({ level: 'error', message })
      this.#failed(run, message)
    }, PACKAGES_TIMEOUT_MS)
    run.evaluating = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (run.state !== 'loading') return
        const message = `${graph.entry} did not finish loading within ${seconds(this.timeoutMs)}: is there an endless loop at the top level of a module?`
        this.#ctx.log({ level: 'error', message: `${message} The app was stopped.` })
        this.#failed(run, message)
      }, this.timeoutMs)
    }
    void loaded.then(() => clearTimeout(timer))
    return loaded
  }

  #fromWorker(run: AppRun, message: WorkerToRunner) {
    if (run !== this.#run && message.kind !== 'log') return
    switch (message.kind) {
      case 'log':
        if (run === this.#run) this.#ctx.toPage({ kind: 'log', entry: message.entry })
        break
      case 'evaluating':
        run.evaluating?.()
        break
      case 'loaded':
        run.state = 'ready'
        run.settle(undefined)
        this.setStatus(
          this.#ctx.previewsReady()
            ? { state: 'running', previewUrl: this.#ctx.previewUrl }
            : { state: 'running' },
        )
        void this.#ctx.registerPreviews().then((ok) => ok && this.previewsBecameReady())
        // The next run (an edit, or a restart after a timeout) gets a worker with the vendored modules loaded.
        this.#spare ??= this.#spawn(this.#graph?.vendorUrls ?? [])
        break
      case 'load-failed': {
        this.#ctx.toPage({ kind: 'log', entry: message.entry })
        const e = message.entry
        const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : ''
        this.#failed(run, `${where}${e.message.split('\n')[0]}`)
        break
      }
      case 'cancel':
        this.#calls.get(message.id)?.cancel()
        this.#calls.delete(message.id)
        break
      case 'service-fetch': {
        const worker = run.worker
        void this.#ctx
          .serviceFetch(this.service || 'the app', message.request)
          .then(({ stream, ...answer }) => {
            worker.postMessage(
              {
                kind: 'service-response',
                id: message.id,
                ...answer,
                ...(stream ? { streamed: true } : {}),
              } satisfies RunnerToWorker,
              transferablesOf(answer.response),
            )
            if (!stream) return
            this.#calls.set(message.id, stream)
            stream.pipe((chunk) => {
              if (chunk.done) this.#calls.delete(message.id)
              worker.postMessage(
                { ...chunk, id: message.id } satisfies RunnerToWorker,
                chunk.data ? [chunk.data] : [],
              )
            })
          })
        break
      }
      case 'response': {
        const pending = this.#pending.get(message.id)
        if (!pending) return
        this.#pending.delete(message.id)
        clearTimeout(pending.timer)
        if (!message.streamed) {
          pending.resolve(message.response)
          break
        }
        // The deadline covers the head; a stream (SSE) may then stay open as long as it likes.
        const worker = run.worker
        const relay = new StreamRelay(() =>
          worker.postMessage({ kind: 'cancel', id: message.id } satisfies RunnerToWorker),
        )
        this.#streams.set(message.id, { run, relay })
        pending.resolve(message.response, relay)
        break
      }
      case 'chunk': {
        const stream = this.#streams.get(message.id)
        stream?.relay.push(message)
        if (message.done) this.#streams.delete(message.id)
        break
      }
    }
  }

  #release(run: AppRun) {
    if (run.dbConnection) run.db?.disconnect(run.dbConnection)
    run.dbConnection = undefined
  }

  #failed(run: AppRun, message: string) {
    run.state = 'dead'
    run.worker.terminate()
    this.#release(run)
    run.settle(message)
    if (run === this.#run) this.setStatus({ state: 'crashed', message })
  }

  #timedOut(id: number) {
    const pending = this.#pending.get(id)
    if (!pending) return
    this.#pending.delete(id)
    const message = `${pending.label} did not answer within ${seconds(this.timeoutMs)}, so the app was stopped and restarted. Look for an endless loop, or a handler that never returns a response.`
    this.#ctx.log({ level: 'error', message })
    pending.resolve(runtimeErrorResponse('timeout', message))
    if (pending.run !== this.#run || !this.#graph) return
    this.setStatus({ state: 'starting', detail: 'restarting after a request timed out' })
    void this.#load(this.#graph)
  }

  /** Terminates the current worker; its requests in flight get a runtime error. */
  #stopWorker(kind: 'restarted' | 'not-running') {
    const run = this.#run
    if (!run) return
    this.#run = undefined
    if (run.state === 'loading') run.settle(undefined) // superseded by a newer run, not a failure
    run.state = 'dead'
    run.worker.terminate()
    this.#release(run)
    for (const [id, { run: owner, relay }] of this.#streams) {
      if (owner !== run) continue
      this.#streams.delete(id)
      relay.push({
        kind: 'chunk',
        id,
        done: true,
        error: 'the app was stopped while it was sending this response',
      })
    }
    for (const [id, pending] of this.#pending) {
      if (pending.run !== run) continue
      this.#pending.delete(id)
      clearTimeout(pending.timer)
      const why =
        kind === 'restarted'
          ? 'The app was restarted before it answered this request.'
          : 'The app was stopped before it answered this request.'
      pending.resolve(runtimeErrorResponse(kind, why))
    }
  }
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
