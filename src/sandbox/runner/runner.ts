/**
 * The runner page (`runner.html` on the sandbox origin), embedded hidden by the course page's
 * WorkerRuntime. It transpiles and analyses the learner's files, runs the app in a dedicated
 * Worker, enforces each request's deadline (terminating and restarting a worker that does not
 * answer), answers the Service Worker's preview requests, and streams logs and status back.
 *
 * Trust: it accepts a MessagePort only from its parent window, and only when that window's
 * origin is the one named in its URL (`?parent=`), which the sandbox server also pins with
 * `frame-ancestors`. It posts nothing to any other window.
 */
import type { ModuleGraph, TranspileCache } from '../module-graph.ts'
import {
  runtimeErrorResponse,
  transferablesOf,
  type ConnectRunner,
  type PageToRunner,
  type PreviewRequest,
  type RunnerReady,
  type RunnerToPage,
  type RunStats,
  type RunnerToWorker,
  StreamRelay,
  type SerializedRequest,
  type SerializedResponse,
  type WorkerToRunner,
} from '../protocol.ts'
import type { LogEntry, RuntimeStatus, SandboxFiles } from '../runtime.ts'
import { DATA_DIR_VARIABLE, databaseSetup, hasDatabase, PGLITE_SPECIFIER } from '../database.ts'
import { Databases, type DbHost, type PgliteAssets } from './db-host.ts'

/**
 * The transpiler (sucrase, es-module-lexer) is most of this page's code: it loads as a separate
 * chunk, starting now, while the app worker starts and fetches hono in parallel. Once loaded it
 * transpiles a line, so the first real Run does not pay for the JIT's warm-up.
 */
const compiler = import('../module-graph.ts').then(async (graph) => {
  await graph
    .buildModuleGraph(
      { 'src/app.ts': 'const warm: number = 1\nexport default warm' },
      { resolveBare: () => undefined },
    )
    .catch(() => {})
  return { ...graph, cache: new graph.TranspileCache() as TranspileCache }
})

/** Loaded with the transpiler (they share sucrase); only previews use it. */
const clientModules = import('../client-modules.ts')

/** Both are injected by scripts/build-sandbox-origin.ts. */
declare const __APP_WORKER_URL__: string
declare const __VENDOR_MANIFEST__: Record<string, string>
declare const __PGLITE_ASSETS__: PgliteAssets

const params = new URLSearchParams(location.search)
const session = params.get('session') ?? ''
const parentOrigin = params.get('parent') ?? ''
const previewUrl = `${location.origin}/preview/${encodeURIComponent(session)}/`
let port: MessagePort | undefined
/** Messages from before the course page connected (e.g. a Service Worker that failed to register). */
const early: RunnerToPage[] = []

function toPage(message: RunnerToPage, transfer: Transferable[] = []) {
  if (port) port.postMessage(message, transfer)
  else early.push(message)
}

function log(entry: Omit<LogEntry, 'time' | 'source'> & Partial<Pick<LogEntry, 'source'>>) {
  toPage({ kind: 'log', entry: { source: 'system', ...entry, time: Date.now() } })
}

const vendorPackages = [
  ...new Set(Object.keys(__VENDOR_MANIFEST__).map((s) => (s.startsWith('hono/') ? 'hono/*' : s))),
].join(', ')
const resolveBare = (specifier: string) => {
  const path = __VENDOR_MANIFEST__[specifier]
  return path ? new URL(path, location.origin).href : undefined
}

// ── Service Worker: only previews need it ──
// Its scope is /preview/, so this page, its workers and the vendored packages never pass through
// it; and it is registered once the first app runs (or the page is idle), so installing it does
// not compete with a cold start.

let previewsReady = false

/** The registration's worker, once active (`navigator.serviceWorker.ready` only watches this page's scope). */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  const worker = registration.installing ?? registration.waiting
  if (registration.active && !worker) return Promise.resolve()
  return new Promise((resolve, reject) => {
    worker!.addEventListener('statechange', () => {
      if (worker!.state === 'activated') resolve()
      else if (worker!.state === 'redundant') reject(new Error('the new Service Worker was discarded'))
    })
  })
}

let registering: Promise<boolean> | undefined
function registerServiceWorker(): Promise<boolean> {
  registering ??= (async () => {
    if (!('serviceWorker' in navigator)) {
      log({
        level: 'warn',
        message:
          'Previews are unavailable: this browser has no Service Workers here (some private windows turn them off). The app itself runs.',
      })
      return false
    }
    try {
      await activated(await navigator.serviceWorker.register('/sw.js', { scope: '/preview/' }))
      previewsReady = true
      return true
    } catch (err) {
      log({
        level: 'warn',
        message: `Previews are unavailable: the sandbox could not start its Service Worker (${(err as Error).message}). The app itself runs.`,
      })
      return false
    }
  })()
  return registering
}

// ── the app: one worker at a time, plus a spare that has the vendored modules loaded ──

interface AppRun {
  worker: Worker
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

class AppHost {
  timeoutMs = 5000
  #files: SandboxFiles = {}
  #graph: ModuleGraph | undefined
  #run: AppRun | undefined
  #spare: Worker | undefined
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

  constructor(service = '') {
    this.service = service
    // Every sandbox imports hono: start a worker and fetch it while the page is still deciding to run.
    const hono = resolveBare('hono')
    this.#spare = this.#spawn(hono ? [hono] : [])
  }

  get state(): RuntimeStatus['state'] {
    return this.#status.state
  }

  setStatus(status: RuntimeStatus) {
    this.#status = status
    // The first service speaks for the sandbox; every service's state goes to the services bar.
    if (this === primaryHost()) toPage({ kind: 'status', status })
    if (this.service) reportServices()
  }

  /** The status again with the preview URL, once the Service Worker is ready. */
  previewsBecameReady() {
    if (this.#status.state === 'running') this.setStatus({ state: 'running', previewUrl })
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
    const { buildModuleGraph, SandboxCodeError, cache } = await compiler
    let graph: ModuleGraph
    try {
      graph = await buildModuleGraph(files, {
        resolveBare,
        cache,
        availablePackages: vendorPackages,
        ...(options.entry ? { entry: options.entry } : {}),
      })
    } catch (err) {
      if (!(err instanceof SandboxCodeError)) throw err
      this.#stopWorker('restarted')
      const where = err.line ? `${err.file}:${err.line}${err.column ? `:${err.column}` : ''}` : err.file
      toPage({
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
    const pglite = resolveBare(PGLITE_SPECIFIER)
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
    const { isClientModulePath, transformClientResponse, vendorImportMap } = await clientModules
    if (!response.body || !(/^text\/html\b/i.test(type) || isClientModulePath(urlPath))) return answer
    const result = transformClientResponse(
      urlPath,
      { status: response.status, headers: response.headers, body: new TextDecoder().decode(response.body) },
      { files: Object.keys(this.#files), importMap: vendorImportMap(Object.keys(__VENDOR_MANIFEST__)) },
    )
    if (result.kind === 'unchanged') return answer
    if (result.kind === 'failed') {
      const { error } = result
      toPage({
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

  #spawn(preload: string[]): Worker {
    const worker = new Worker(__APP_WORKER_URL__, { type: 'module', name: 'sandbox app' })
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
        origin: location.origin,
        vendorUrls: graph.vendorUrls,
        env: db ? { [DATA_DIR_VARIABLE]: host!.dataDir } : {},
        services: this.services,
        courseOrigin: parentOrigin,
        ...(aiToken ? { aiToken } : {}),
        ...(db ? { database: { port: db.port, dataDir: host!.dataDir } } : {}),
      } satisfies RunnerToWorker,
      db ? [db.port] : [],
    )
    // Fetching packages may take a while on a slow network; running the learner's modules may not.
    let timer = setTimeout(() => {
      if (run.state !== 'loading') return
      const message = `The packages the app imports did not load within ${seconds(PACKAGES_TIMEOUT_MS)}. Check the connection to the sandbox server, then run again.`
      log({ level: 'error', message })
      this.#failed(run, message)
    }, PACKAGES_TIMEOUT_MS)
    run.evaluating = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (run.state !== 'loading') return
        const message = `${graph.entry} did not finish loading within ${seconds(this.timeoutMs)}: is there an endless loop at the top level of a module?`
        log({ level: 'error', message: `${message} The app was stopped.` })
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
        if (run === this.#run) toPage({ kind: 'log', entry: message.entry })
        break
      case 'evaluating':
        run.evaluating?.()
        break
      case 'loaded':
        run.state = 'ready'
        run.settle(undefined)
        this.setStatus(previewsReady ? { state: 'running', previewUrl } : { state: 'running' })
        void registerServiceWorker().then((ok) => ok && this.previewsBecameReady())
        // The next run (an edit, or a restart after a timeout) gets a worker with the vendored modules loaded.
        this.#spare ??= this.#spawn(this.#graph?.vendorUrls ?? [])
        break
      case 'load-failed': {
        toPage({ kind: 'log', entry: message.entry })
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
        void serviceFetch(this.service || 'the app', message.request).then(({ stream, ...answer }) => {
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
    log({ level: 'error', message })
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

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

// ── the sandbox: one app, or several services each in its own worker ──

const databases = new Databases(__PGLITE_ASSETS__, {
  log: (level, message) => log({ level, message }),
  restarted: () => {
    for (const h of hosts.values()) h.databaseRestarted()
  },
})
/** Service name → its host; a sandbox of one app has one host named ''. */
/** The course AI proxy's access token (when one is required), for every app this runner starts. */
let aiToken: string | undefined
const hosts = new Map<string, AppHost>([['', new AppHost()]])
let sandboxName = 'sandbox'

function primaryHost(): AppHost {
  return hosts.values().next().value!
}

/** The host a request is for: `http://payments/…` → the payments service, anything else → the first. */
function hostFor(url: string): AppHost {
  const name = new URL(url).hostname
  return (hosts.size > 1 || !hosts.has('') ? hosts.get(name) : undefined) ?? primaryHost()
}

function reportServices() {
  if (hosts.has('')) return
  toPage({
    kind: 'services',
    services: Object.fromEntries([...hosts].map(([name, h]) => [name, h.state])),
  })
}

/** Starts the sandbox: its database once (shared), then every service (or the one app) in parallel. */
async function startSandbox(message: Extract<PageToRunner, { kind: 'start' }>) {
  const { files, timeoutMs } = message
  sandboxName = message.sandbox ?? 'sandbox'
  databases.timeoutMs = timeoutMs
  const services = message.services ? Object.entries(message.services) : []
  const wanted = services.length ? services.map(([name]) => name) : ['']
  for (const [name, h] of hosts) {
    if (!wanted.includes(name)) {
      h.stop()
      hosts.delete(name)
    }
  }
  // Keep the page's order: the first service speaks for the sandbox.
  const ordered = new Map(wanted.map((name) => [name, hosts.get(name) ?? new AppHost(name)]))
  hosts.clear()
  for (const [name, h] of ordered) hosts.set(name, h)
  for (const h of hosts.values()) h.services = services.map(([name]) => name)

  const openDatabase = async (): Promise<DbHost | string> => {
    try {
      return await databases.open(sandboxName, databaseSetup(files), message.freshDatabase ?? false)
    } catch (err) {
      const text = (err as Error).message
      log({ level: 'error', message: text })
      return text
    }
  }
  // Opening the database (the first time: fetching and compiling Postgres) overlaps transpiling.
  const database = hasDatabase(files) ? openDatabase() : undefined
  const entries = services.length ? services : [['', undefined] as const]
  const results = await Promise.all(
    entries.map(([name, entry]) =>
      hosts.get(name)!.start(files, timeoutMs, { ...(entry ? { entry } : {}), database, openDatabase }),
    ),
  )
  reportServices()
  const failed = results.find((r) => r.error)
  return failed ?? results[0]!
}

/** A service calls another with fetch('http://payments/…'): at most this many such calls at once. */
const MAX_SERVICE_CALLS = 32
let serviceCalls = 0

/** Answers an app worker's fetch to another service, as the network would. */
async function serviceFetch(
  from: string,
  request: SerializedRequest,
): Promise<{ response?: SerializedResponse; stream?: StreamRelay; error?: string }> {
  const url = new URL(request.url)
  const target = hosts.get(url.hostname)
  if (!target || target.state === 'stopped' || target.state === 'crashed' || target.state === 'idle') {
    return {
      error: `connect ECONNREFUSED ${url.hostname}:80 (the ${url.hostname} service is ${target?.state === 'crashed' ? 'crashed' : 'stopped'})`,
    }
  }
  if (serviceCalls >= MAX_SERVICE_CALLS) {
    const message = `${from} → ${url.hostname}${url.pathname}: more than ${MAX_SERVICE_CALLS} calls between services are in flight at once. Is a service calling itself (or a ring of services calling each other) in a loop? The call was refused.`
    log({ level: 'error', message })
    return { error: message }
  }
  serviceCalls++
  try {
    return await target.fetch(request)
  } finally {
    serviceCalls--
  }
}

// After the first app answers, or after a quiet second, whichever comes first.
const whenQuiet = () => void registerServiceWorker().then((ok) => ok && primaryHost().previewsBecameReady())
setTimeout(whenQuiet, 1000)

// ── the course page: an origin-checked handshake, then everything over one MessagePort ──

async function fromPage(message: PageToRunner) {
  try {
    await answerPage(message)
  } catch (err) {
    // A bug in the runtime, not in learner code: still answer, so the page does not wait in vain.
    toPage({ kind: 'reply', id: message.id, error: `The sandbox runner failed: ${(err as Error).message}` })
  }
}

/** Streamed responses the page is reading, by the page's message id. */
const pageStreams = new Map<number, StreamRelay>()

async function answerPage(message: PageToRunner) {
  switch (message.kind) {
    case 'start': {
      if (message.aiToken) aiToken = message.aiToken
      const { error, stats } = await startSandbox(message)
      toPage({ kind: 'reply', id: message.id, ...(error ? { error } : {}), ...(stats ? { stats } : {}) })
      break
    }
    case 'ai-token':
      aiToken = message.token
      for (const h of hosts.values()) h.sendAiToken(message.token)
      toPage({ kind: 'reply', id: message.id })
      break
    case 'stop':
      for (const h of hosts.values()) h.stop()
      toPage({ kind: 'reply', id: message.id })
      break
    case 'service': {
      // Stop or start one service; the others keep running and see it go away.
      const target = hosts.get(message.service)
      if (!target) {
        toPage({ kind: 'reply', id: message.id, error: `There is no service named ${message.service}.` })
        break
      }
      const error = message.action === 'stop' ? (target.stop(), undefined) : await target.restart()
      reportServices()
      toPage({ kind: 'reply', id: message.id, ...(error ? { error } : {}) })
      break
    }
    case 'fetch': {
      const { response, stream } = await hostFor(message.request.url).fetch(message.request)
      if (!stream) {
        toPage({ kind: 'reply', id: message.id, response }, transferablesOf(response))
        break
      }
      toPage({ kind: 'reply', id: message.id, response, streamed: true })
      pageStreams.set(message.id, stream)
      stream.pipe((chunk) => {
        if (chunk.done) pageStreams.delete(message.id)
        toPage({ ...chunk, id: message.id }, chunk.data ? [chunk.data] : [])
      })
      break
    }
    case 'cancel':
      pageStreams.get(message.id)?.cancel()
      pageStreams.delete(message.id)
      break
    case 'db': {
      const { call } = message
      const db = databases.own(message.sandbox)
      const args =
        call.method === 'rows'
          ? [call.schema, call.table, call.offset, call.limit]
          : call.method === 'sql'
            ? [call.sql, call.limit]
            : call.method === 'reset'
              ? [message.setup]
              : []
      try {
        const result = await db.call(message.setup, call.method, args)
        toPage({ kind: 'reply', id: message.id, result })
      } catch (err) {
        toPage({ kind: 'reply', id: message.id, error: (err as Error).message })
      }
      break
    }
  }
}

window.addEventListener('message', (event: MessageEvent<ConnectRunner>) => {
  if (event.source !== window.parent || event.origin !== parentOrigin) return
  if (event.data?.kind !== 'connect' || event.data.session !== session || port || !event.ports[0]) return
  port = event.ports[0]
  port.onmessage = (e: MessageEvent<PageToRunner>) => void fromPage(e.data)
  for (const message of early.splice(0)) port.postMessage(message)
})

// ── previews: the Service Worker relays the preview iframe's requests here ──

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<PreviewRequest>) => {
    const reply = event.ports[0]
    if (
      event.origin !== location.origin ||
      event.data?.kind !== 'preview-request' ||
      event.data.session !== session ||
      !reply
    )
      return
    void primaryHost()
      .previewFetch(event.data.request)
      .then(({ response, stream }) => {
        // A streamed body follows on the same port, chunk by chunk (an SSE page sees events live).
        reply.postMessage({ ...response, ...(stream ? { streamed: true } : {}) }, transferablesOf(response))
        stream?.pipe((chunk) => reply.postMessage(chunk, chunk.data ? [chunk.data] : []))
      })
  })
  navigator.serviceWorker.startMessages()
}

if (window.parent !== window && /^https?:\/\/[^/]+$/.test(parentOrigin)) {
  window.parent.postMessage({ kind: 'runner-ready', session } satisfies RunnerReady, parentOrigin)
}
