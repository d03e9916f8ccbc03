/**
 * The runner page (`runner.html` on the sandbox origin), embedded hidden by the course page's
 * WorkerRuntime. It hosts the sandbox's app (or each of its services) in an AppHost
 * (app-host.ts: transpile, run in a dedicated Worker, deadlines, restarts), opens its database,
 * routes calls between services, answers the Service Worker's preview requests, and streams logs
 * and status back to the page.
 *
 * Trust: it accepts a MessagePort only from its parent window, and only when that window's
 * origin is the one named in its URL (`?parent=`), which the sandbox server also pins with
 * `frame-ancestors`. It posts nothing to any other window.
 */
import type { TranspileCache } from '../module-graph.ts'
import {
  transferablesOf,
  type ConnectRunner,
  type PageToRunner,
  type PreviewRequest,
  type RunnerReady,
  type RunnerToPage,
  StreamRelay,
  type SerializedRequest,
  type SerializedResponse,
} from '../protocol.ts'
import type { LogEntry } from '../runtime.ts'
import { databaseSetup, hasDatabase } from '../database.ts'
import { Databases, type DbHost, type PgliteAssets } from './db-host.ts'
import { AppHost, type AppHostContext } from './app-host.ts'

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
const context: AppHostContext = {
  spawnWorker: () => new Worker(__APP_WORKER_URL__, { type: 'module', name: 'sandbox app' }),
  compiler,
  clientModules,
  resolveBare,
  vendorSpecifiers: Object.keys(__VENDOR_MANIFEST__),
  availablePackages: vendorPackages,
  origin: location.origin,
  courseOrigin: parentOrigin,
  toPage,
  log,
  statusChanged(host, status) {
    // The first service speaks for the sandbox; every service's state goes to the services bar.
    if (host === primaryHost()) toPage({ kind: 'status', status })
    if (host.service) reportServices()
  },
  previewUrl,
  previewsReady: () => previewsReady,
  registerPreviews: registerServiceWorker,
  serviceFetch: (from, request) => serviceFetch(from, request),
  aiToken: () => aiToken,
}
const hosts = new Map<string, AppHost>([['', new AppHost(context)]])
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
  const ordered = new Map(wanted.map((name) => [name, hosts.get(name) ?? new AppHost(context, name)]))
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
