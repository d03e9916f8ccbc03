/**
 * The WebContainer runtime: full Node in the browser for sandboxes that need `npm install`,
 * `node:` modules, a terminal or several processes. It implements the same
 * `SandboxRuntime` interface as the worker runtime, so the sandbox UI, the request panel
 * and the checks do not care which one runs.
 *
 * Per sandbox: its files are mounted in their own folder of the page's shared container
 * (booted once, see boot.ts), `npm install` runs (with the committed package-lock.json, and
 * only again when the dependencies change), `npm run dev` starts with `PORT` set to a port of
 * its own, and the app is ready at the `server-ready` event for that port. Edits are written
 * through to the container; the sandbox's dev script (`tsx watch`) restarts the server.
 */
import { courseAiToken, onAiTokenRefresh, usesAiProxy } from '../ai-token.ts'
import {
  AI_TOKEN_FILE_PATH,
  AI_TOKEN_PRELOAD,
  AI_TOKEN_PRELOAD_PATH,
  aiTokenEnv,
} from './ai-token-preload.ts'
import type { WebContainer, WebContainerProcess } from '@webcontainer/api'
import type { LogEntry, RuntimeStatus, SandboxFiles, SandboxRuntime, TerminalSize } from '../runtime.ts'
import { bootWebContainer, pageBootTimeout } from './boot.ts'
import type { FallbackReason } from './fallback-reason.ts'
import {
  dependencyFingerprint,
  diffFiles,
  isEmptyChange,
  toFileSystemTree,
  type FileChanges,
} from './file-tree.ts'
import { ProcessLogLines, progressNote } from './process-output.ts'
import { RelayClient, runtimeError } from './relay-client.ts'

export interface WebContainerRuntimeOptions {
  /** The sandbox's name: its folder in the container, e.g. "node-env-config". */
  name: string
  /** How long to wait for `WebContainer.boot()`; by default the page's setting (see boot.ts). */
  bootTimeoutMs?: number
  /** `npm install` is cut off after this long. */
  installTimeoutMs?: number
  /** `npm run dev` must reach `server-ready` within this long. */
  startTimeoutMs?: number
}

/** The WebContainer cannot run on this page; `reason` says why (see fallback-reason.ts). */
export class WebContainerUnavailableError extends Error {
  override name = 'WebContainerUnavailableError'
  constructor(readonly reason: FallbackReason) {
    super(`WebContainer unavailable: ${reason.code}`)
  }
}

const FIRST_PORT = 3000
/** Ports of the sandboxes on this page, so each finds its own `server-ready` event. */
const claimedPorts = new Set<number>()

function claimPort(): number {
  let port = FIRST_PORT
  while (claimedPorts.has(port)) port++
  claimedPorts.add(port)
  return port
}

/** One relay per container, shared by every sandbox on the page. */
const relays = new WeakMap<WebContainer, RelayClient>()

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

const dim = (text: string) => `\x1b[2m${text}\x1b[22m`
const red = (text: string) => `\x1b[31m${text}\x1b[39m`

class StepError extends Error {}

export class WebContainerRuntime implements SandboxRuntime {
  readonly kind = 'webcontainer' as const
  private current: RuntimeStatus = { state: 'idle' }
  private readonly logListeners = new Set<(entry: LogEntry) => void>()
  private readonly statusListeners = new Set<(status: RuntimeStatus) => void>()
  private readonly outputListeners = new Set<(chunk: string) => void>()
  private readonly port = claimPort()
  private readonly dir: string
  private container: WebContainer | undefined
  /** Files as they are in the container. */
  private mounted: SandboxFiles | undefined
  /** Files to use when (re)starting; may be ahead of `mounted` while stopped. */
  private files: SandboxFiles = {}
  private installedFingerprint: string | undefined
  private server: WebContainerProcess | undefined
  private serverUrl: string | undefined
  private unsubscribers: (() => void)[] = []
  /** Start/stop/update run one at a time, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Bumped by every start and stop so a superseded start stops at its next step. */
  private generation = 0
  private disposed = false

  constructor(private readonly options: WebContainerRuntimeOptions) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(options.name)) throw new Error(`Not a sandbox name: "${options.name}".`)
    this.dir = options.name
  }

  get status(): RuntimeStatus {
    return this.current
  }

  /** The `server-ready` URL while the server runs (shown in the preview pane). */
  get previewUrl(): string | undefined {
    return this.current.state === 'running' ? this.serverUrl : undefined
  }

  start(files: SandboxFiles): Promise<void> {
    const generation = ++this.generation
    this.files = { ...files }
    return this.enqueue(() => this.run(generation))
  }

  update(files: SandboxFiles): Promise<void> {
    this.files = { ...files }
    return this.enqueue(async () => {
      if (!this.container || !this.mounted) return // applied by the next start
      const dependenciesChanged = dependencyFingerprint(this.files) !== this.installedFingerprint
      if (dependenciesChanged && this.server) {
        // New dependencies need an install and a fresh server; the dev script cannot do that.
        await this.run(++this.generation)
        return
      }
      await this.writeThrough(diffFiles(this.mounted, this.files))
    })
  }

  stop(): Promise<void> {
    this.generation++
    return this.enqueue(async () => {
      this.killServer()
      if (this.current.state !== 'idle') this.setStatus({ state: 'stopped' })
    })
  }

  /** Never rejects: when the app cannot answer, a runtime-error response says why (see runtime.ts). */
  async fetch(request: Request): Promise<Response> {
    // While `tsx watch` restarts after an edit ('starting' with a server), the relay waits for it.
    const serving =
      this.current.state === 'running' || (this.current.state === 'starting' && this.serverUrl !== undefined)
    if (!serving || !this.container || !this.server) {
      return runtimeError(
        'not-running',
        'The app is not running: press Run and wait for "Server ready" in the terminal.',
      )
    }
    return this.relay(this.container).send(request, `http://localhost:${this.port}`)
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    this.logListeners.add(listener)
    return () => this.logListeners.delete(listener)
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Raw terminal output (ANSI colours included) of `npm install` and `npm run dev`, for xterm. */
  onOutput(listener: (chunk: string) => void): () => void {
    this.outputListeners.add(listener)
    return () => this.outputListeners.delete(listener)
  }

  /** An interactive shell (jsh) in the sandbox's folder, for the terminal's Shell tab. */
  async spawnShell(size: TerminalSize): Promise<WebContainerProcess> {
    const container = await this.ensureContainer()
    await this.ensureMounted(container)
    return container.spawn('jsh', { cwd: this.dir, terminal: size })
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.generation++
    this.killServer()
    for (const unsubscribe of this.unsubscribers) unsubscribe()
    this.unsubscribers = []
    this.stopWatchingAiToken?.()
    this.logListeners.clear()
    this.statusListeners.clear()
    this.outputListeners.clear()
    claimedPorts.delete(this.port)
    // The container itself stays: it belongs to the page and other sandboxes may use it.
  }

  // ---------------------------------------------------------------------------------------

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async run(generation: number): Promise<void> {
    const superseded = () => generation !== this.generation || this.disposed
    try {
      const container = await this.ensureContainer()
      if (superseded()) return
      this.killServer()
      await this.ensureMounted(container)
      await this.writeThrough(diffFiles(this.mounted!, this.files))
      if (superseded()) return

      const fingerprint = dependencyFingerprint(this.files)
      if (fingerprint !== this.installedFingerprint) {
        await this.install(container)
        this.installedFingerprint = fingerprint
      }
      if (superseded()) return
      await this.startServer(container, superseded)
    } catch (err) {
      if (err instanceof WebContainerUnavailableError) throw err
      const message = err instanceof Error ? err.message : String(err)
      if (!superseded()) {
        this.killServer()
        this.setStatus({ state: 'crashed', message })
        this.system('error', message)
      }
      throw err
    }
  }

  private async ensureContainer(): Promise<WebContainer> {
    if (this.container) return this.container
    this.setStatus({ state: 'booting', detail: 'Starting Node in your browser…' })
    const outcome = await bootWebContainer(this.options.bootTimeoutMs ?? pageBootTimeout())
    if (!outcome.ok) {
      this.setStatus({ state: 'crashed', message: `WebContainer unavailable (${outcome.reason.code})` })
      throw new WebContainerUnavailableError(outcome.reason)
    }
    this.container = outcome.container
    this.unsubscribers.push(
      outcome.container.on('port', (port, type) => {
        // `tsx watch` closes and reopens the port when it restarts after an edit.
        if (port !== this.port || !this.server) return
        if (type === 'close' && this.current.state === 'running')
          this.setStatus({ state: 'starting', detail: 'Restarting after your edit…' })
      }),
      outcome.container.on('server-ready', (port, url) => {
        // Only restarts: the first server-ready of a start is awaited in startServer.
        if (port !== this.port || !this.server || !this.serverUrl) return
        this.serverUrl = url
        if (this.current.state === 'starting') this.setStatus({ state: 'running', previewUrl: url })
      }),
      outcome.container.on('error', ({ message }) => this.system('error', `WebContainer error: ${message}`)),
    )
    return outcome.container
  }

  /**
   * When the course AI proxy requires an access token and the app may call it: the token in
   * the container, the preload that sends it, and the environment that loads it.
   */
  private async aiTokenEnv(container: WebContainer): Promise<Record<string, string>> {
    if (!usesAiProxy(this.files)) return {}
    const token = await courseAiToken()
    if (!token) return {}
    await container.fs.mkdir(AI_TOKEN_PRELOAD_PATH.split('/')[0]!, { recursive: true })
    await container.fs.writeFile(AI_TOKEN_PRELOAD_PATH, AI_TOKEN_PRELOAD)
    await container.fs.writeFile(AI_TOKEN_FILE_PATH, token.token)
    this.stopWatchingAiToken ??= onAiTokenRefresh((fresh) => {
      void container.fs.writeFile(AI_TOKEN_FILE_PATH, fresh.token).catch(() => undefined)
    })
    return aiTokenEnv(location.origin)
  }

  private stopWatchingAiToken: (() => void) | undefined

  private async ensureMounted(container: WebContainer): Promise<void> {
    if (this.mounted) return
    await container.mount({ [this.dir]: { directory: toFileSystemTree(this.files) } })
    this.mounted = { ...this.files }
  }

  /** Writes changed files into the container and removes deleted ones. */
  private async writeThrough(changes: FileChanges): Promise<void> {
    if (!this.container || !this.mounted || isEmptyChange(changes)) return
    const { fs } = this.container
    for (const [path, contents] of Object.entries(changes.written)) {
      const slash = path.lastIndexOf('/')
      if (slash > 0) await fs.mkdir(`${this.dir}/${path.slice(0, slash)}`, { recursive: true })
      await fs.writeFile(`${this.dir}/${path}`, contents)
      this.mounted[path] = contents
    }
    for (const path of changes.removed) {
      await fs.rm(`${this.dir}/${path}`, { force: true })
      delete this.mounted[path]
    }
  }

  private async install(container: WebContainer): Promise<void> {
    this.setStatus({ state: 'installing', detail: 'npm install' })
    this.output(dim(`$ npm install\r\n`))
    const timeoutMs = this.options.installTimeoutMs ?? 180_000
    const proc = await container.spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: this.dir })
    void proc.output
      .pipeTo(
        new WritableStream({
          write: (chunk) => {
            this.output(chunk)
            const note = progressNote(chunk)
            if (note && this.current.state === 'installing' && note !== this.current.detail)
              this.setStatus({ state: 'installing', detail: note })
          },
        }),
      )
      .catch(() => undefined)
    const code = await this.within(proc.exit, timeoutMs, () => {
      proc.kill()
      return `npm install did not finish within ${seconds(timeoutMs)}: the npm registry may be unreachable from the WebContainer. Press Run to try again.`
    })
    if (code !== 0)
      throw new StepError(`npm install failed (exit code ${code}): the terminal shows npm's message.`)
  }

  private async startServer(container: WebContainer, superseded: () => boolean): Promise<void> {
    this.setStatus({ state: 'starting', detail: 'npm run dev' })
    this.output(dim(`$ PORT=${this.port} npm run dev\r\n`))
    const timeoutMs = this.options.startTimeoutMs ?? 60_000
    const proc = await container.spawn('npm', ['run', 'dev'], {
      cwd: this.dir,
      env: { PORT: this.port, ...(await this.aiTokenEnv(container)) },
    })
    this.server = proc
    this.serverUrl = undefined
    const lines = new ProcessLogLines(this.dir, (entry) => this.emitLog(entry))
    void proc.output
      .pipeTo(
        new WritableStream({
          write: (chunk) => {
            this.output(chunk)
            lines.push(chunk)
          },
          close: () => lines.flush(),
        }),
      )
      .catch(() => undefined)

    const ready = new Promise<string>((resolve) => {
      const stopWaiting = container.on('server-ready', (port, url) => {
        if (port !== this.port) return
        stopWaiting()
        resolve(url)
      })
      void proc.exit.finally(stopWaiting)
    })
    const exited = proc.exit.then((code) => {
      throw new StepError(
        `The dev server exited with code ${code} before it started listening on port ${this.port}: the terminal shows why. ` +
          'Fix the error and press Run. (src/server.ts must listen on process.env.PORT.)',
      )
    })
    void exited.catch(() => undefined)
    const url = await this.within(Promise.race([ready, exited]), timeoutMs, () => {
      proc.kill()
      return `The dev server did not start listening on port ${this.port} within ${seconds(timeoutMs)}. Does src/server.ts call serve() with process.env.PORT?`
    })
    if (superseded()) return
    this.serverUrl = url
    this.setStatus({ state: 'running', previewUrl: url })
    this.output(dim(`Server ready at ${url}\r\n`))

    // After it was ready: a crash, or Stop (which kills it and sets "stopped" itself).
    void proc.exit.then((code) => {
      if (this.server !== proc) return
      this.server = undefined
      this.serverUrl = undefined
      if (code === 0) this.setStatus({ state: 'stopped' })
      else {
        const message = `The dev server exited with code ${code}: the terminal shows why.`
        this.setStatus({ state: 'crashed', message })
        this.system('error', message)
      }
    })
  }

  private killServer(): void {
    const proc = this.server
    this.server = undefined
    this.serverUrl = undefined
    proc?.kill()
  }

  private relay(container: WebContainer): RelayClient {
    let relay = relays.get(container)
    if (!relay) {
      relay = new RelayClient(container)
      relays.set(container, relay)
    }
    return relay
  }

  private async within<T>(promise: Promise<T>, ms: number, onTimeout: () => string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepError(onTimeout())), ms)
    })
    try {
      return await Promise.race([promise, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private setStatus(status: RuntimeStatus): void {
    this.current = status
    for (const listener of this.statusListeners) listener(status)
  }

  private emitLog(entry: LogEntry): void {
    for (const listener of this.logListeners) listener(entry)
  }

  private system(level: LogEntry['level'], message: string): void {
    this.emitLog({ level, message, time: Date.now(), source: 'system' })
    this.output(`${level === 'error' ? red(message) : dim(message)}\r\n`)
  }

  private output(chunk: string): void {
    for (const listener of this.outputListeners) listener(chunk)
  }
}
