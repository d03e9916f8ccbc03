/**
 * A stand-in for `@webcontainer/api` in unit tests (`vi.mock('@webcontainer/api', …)`): no
 * StackBlitz host is reachable from CI, so tests drive this instead. It keeps files in a map,
 * runs scripted processes for `npm install`, `npm run dev`, the request relay and `jsh`, and
 * emits `port` / `server-ready` events the way the real container does.
 */
import { Hono } from 'hono'
import { base64ToBytes, bytesToBase64, type RelayReply, type RelayRequest } from '../request-relay.ts'

type Tree = Record<
  string,
  { file: { contents: string | Uint8Array } } | { directory: Tree } | { symlink: unknown }
>
type Listener = (...args: never[]) => void

export interface SpawnCall {
  command: string
  args: string[]
  cwd?: string
  env?: Record<string, string | number | boolean>
  terminal?: { cols: number; rows: number }
}

export class FakeProcess {
  readonly output: ReadableStream<string>
  readonly input: WritableStream<string>
  readonly exit: Promise<number>
  readonly written: string[] = []
  killed = false
  private controller!: ReadableStreamDefaultController<string>
  private finishExit!: (code: number) => void
  private finished = false
  private inputListener: ((chunk: string) => void) | undefined

  constructor(readonly call: SpawnCall) {
    this.output = new ReadableStream<string>({ start: (c) => void (this.controller = c) })
    this.exit = new Promise((resolve) => (this.finishExit = resolve))
    this.input = new WritableStream<string>({
      write: (chunk) => {
        this.written.push(chunk)
        this.inputListener?.(chunk)
      },
    })
  }

  onInput(listener: (chunk: string) => void): void {
    this.inputListener = listener
  }

  print(chunk: string): void {
    if (!this.finished) this.controller.enqueue(chunk)
  }

  finish(code: number): void {
    if (this.finished) return
    this.finished = true
    this.controller.close()
    this.finishExit(code)
  }

  kill(): void {
    this.killed = true
    this.finish(143)
  }

  resize(): void {}
}

export type CommandHandler = (proc: FakeProcess, container: FakeWebContainer) => void

/** The learner's server in the fake: a Hono app answering on a port, by relay. */
export type FakeServerFactory = (container: FakeWebContainer, cwd: string) => Hono

export class FakeWebContainer {
  // ---- page-level state, reset by FakeWebContainer.reset() -------------------------------
  static bootCalls = 0
  static bootOptions: unknown[] = []
  /** 'resolve' boots at once; 'hang' never settles (StackBlitz unreachable); an Error rejects. */
  static bootBehaviour: 'resolve' | 'hang' | Error = 'resolve'
  static instance: FakeWebContainer | undefined

  static reset(): void {
    FakeWebContainer.bootCalls = 0
    FakeWebContainer.bootOptions = []
    FakeWebContainer.bootBehaviour = 'resolve'
    FakeWebContainer.instance = undefined
  }

  static async boot(options?: unknown): Promise<FakeWebContainer> {
    FakeWebContainer.bootCalls++
    FakeWebContainer.bootOptions.push(options)
    const behaviour = FakeWebContainer.bootBehaviour
    if (behaviour === 'hang') return new Promise<never>(() => {})
    if (behaviour instanceof Error) throw behaviour
    await Promise.resolve()
    FakeWebContainer.instance = new FakeWebContainer()
    return FakeWebContainer.instance
  }

  // ---- one container ----------------------------------------------------------------------
  readonly files = new Map<string, string>()
  readonly spawns: FakeProcess[] = []
  readonly mounts: Tree[] = []
  readonly servers = new Map<number, Hono>()
  private readonly listeners = new Map<string, Set<Listener>>()
  /** Scripted commands, keyed "npm install", "npm run dev", "node .course/relay.mjs", "jsh". */
  readonly handlers = new Map<string, CommandHandler>()
  /** What `npm run dev` serves; by default an app that shows the files it sees. */
  serverFactory: FakeServerFactory | undefined

  constructor() {
    this.handlers.set('npm install', (proc) => {
      proc.print('\x1b[1G⠙ reify:hono: timing reifyNode\r')
      proc.print('\r\nadded 4 packages in 1s\r\n')
      proc.finish(0)
    })
    this.handlers.set('npm run dev', (proc, container) => {
      const port = Number(proc.call.env?.PORT ?? 3000)
      proc.print(`\r\n> sandbox@1.0.0 dev\r\n> tsx watch src/server.ts\r\n\r\n`)
      queueMicrotask(() => {
        if (proc.killed) return
        const factory = container.serverFactory ?? defaultServer
        container.servers.set(port, factory(container, proc.call.cwd ?? ''))
        proc.print(`Listening on http://localhost:${port}\r\n`)
        container.emit('port', port, 'open', `https://${port}.fake-webcontainer.test`)
        container.emit('server-ready', port, `https://${port}.fake-webcontainer.test`)
      })
      void proc.exit.then(() => {
        container.servers.delete(port)
        container.emit('port', port, 'close', `https://${port}.fake-webcontainer.test`)
      })
    })
    this.handlers.set('node .course/relay.mjs', (proc, container) => fakeRelay(proc, container))
    this.handlers.set('jsh', (proc) => {
      proc.print('❯ ')
      proc.onInput((chunk) => proc.print(chunk))
    })
  }

  readonly fs = {
    writeFile: async (path: string, data: string | Uint8Array) => {
      this.files.set(normalise(path), typeof data === 'string' ? data : new TextDecoder().decode(data))
    },
    readFile: async (path: string) => {
      const contents = this.files.get(normalise(path))
      if (contents === undefined) throw new Error(`ENOENT: ${path}`)
      return contents
    },
    mkdir: async (_path: string, _options?: { recursive?: boolean }) => undefined,
    rm: async (path: string) => {
      this.files.delete(normalise(path))
    },
  }

  async mount(tree: Tree): Promise<void> {
    this.mounts.push(tree)
    const walk = (node: Tree, prefix: string) => {
      for (const [name, entry] of Object.entries(node)) {
        if ('file' in entry) this.files.set(prefix + name, String(entry.file.contents))
        else if ('directory' in entry) walk(entry.directory, `${prefix}${name}/`)
      }
    }
    walk(tree, '')
  }

  async spawn(
    command: string,
    argsOrOptions?: string[] | Omit<SpawnCall, 'command' | 'args'>,
    maybeOptions?: Omit<SpawnCall, 'command' | 'args'>,
  ) {
    const args = Array.isArray(argsOrOptions) ? argsOrOptions : []
    const options = (Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions) ?? {}
    const proc = new FakeProcess({ command, args, ...options })
    this.spawns.push(proc)
    const key = [command, ...args].join(' ').replace(/ --no-audit --no-fund$/, '')
    const handler = this.handlers.get(key)
    if (!handler) throw new Error(`The fake WebContainer has no script for "${key}".`)
    queueMicrotask(() => handler(proc, this))
    return proc
  }

  on(event: string, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
    return () => set.delete(listener)
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])])
      (listener as (...a: unknown[]) => void)(...args)
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0
  }

  teardown(): void {}

  spawned(key: string): FakeProcess[] {
    return this.spawns.filter((p) => [p.call.command, ...p.call.args].join(' ').startsWith(key))
  }
}

function normalise(path: string): string {
  return path.replace(/^\.?\//, '')
}

/** By default the learner's "server" answers with the files it can see, to prove write-through. */
const defaultServer: FakeServerFactory = (container, cwd) => {
  const app = new Hono()
  app.get('/file', (c) => {
    const path = c.req.query('path') ?? ''
    const contents = container.files.get(`${cwd}/${path}`)
    return contents === undefined ? c.text('no such file', 404) : c.text(contents)
  })
  app.post('/echo', async (c) =>
    c.json({ method: c.req.method, body: await c.req.json(), header: c.req.header('x-course') ?? null }, 201),
  )
  app.get('/redirect', (c) => c.redirect('/file?path=src/app.ts', 302))
  return app
}

/** The relay as the real script behaves, answering from `container.servers` instead of the network. */
function fakeRelay(proc: FakeProcess, container: FakeWebContainer): void {
  let buffered = ''
  proc.onInput((chunk) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) void answer(line)
  })
  const reply = (message: RelayReply) => {
    const text = `\r\n@@relay:${bytesToBase64(new TextEncoder().encode(JSON.stringify(message)))}@@\r\n`
    // Split the reply across chunks like a terminal may.
    const cut = Math.floor(text.length / 3)
    proc.print(text.slice(0, cut))
    proc.print(text.slice(cut))
  }
  const answer = async (line: string) => {
    const request = JSON.parse(new TextDecoder().decode(base64ToBytes(line))) as RelayRequest
    const url = new URL(request.url)
    const server = container.servers.get(Number(url.port))
    if (!server)
      return reply({
        id: request.id,
        ok: false,
        kind: 'not-running',
        error: 'The dev server is not accepting connections: is it still running? See the terminal.',
      })
    const init: RequestInit = { method: request.method, headers: request.headers }
    if (request.body !== null) init.body = base64ToBytes(request.body)
    const res = await server.request(url.pathname + url.search, init)
    const body = bytesToBase64(new Uint8Array(await res.arrayBuffer()))
    reply({
      id: request.id,
      ok: true,
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers],
      body,
    })
  }
}
