/**
 * The browser runtime's `@electric-sql/pglite`: the same `PGlite` class learners use under Node,
 * whose Postgres runs in the sandbox's DB worker (runner/db-worker.ts) instead of in the app's
 * own worker. So the database outlives every Run and every restart of a stuck app, and the
 * ~5 MB of Postgres load once per page, not once per Run.
 *
 * The query logic is PGlite's own: `BasePGlite` (the base class of PGlite and of its official
 * PGliteWorker) builds query/sql/exec/transaction, parameter serializers and result parsers on
 * the Postgres wire protocol; only the protocol messages cross to the DB worker.
 */
import { PGliteWorker } from '@electric-sql/pglite/worker'
import type { PGliteOptions, Transaction } from '@electric-sql/pglite'
import { RpcClient } from '../db-rpc.ts'

const DATABASE = Symbol.for('course.sandbox.database')

interface DatabaseLink {
  port: MessagePort
  /** The data dir this sandbox's database has: process.env.PGDATA. */
  dataDir: string
}

// PGliteWorker's parent class is PGlite's BasePGlite, which the package does not export by name.
const BasePGlite = Object.getPrototypeOf(PGliteWorker) as new () => {
  query(...args: unknown[]): Promise<unknown>
  exec(...args: unknown[]): Promise<unknown>
  _initArrayTypes(): Promise<void>
}

let shared: { rpc: RpcClient; listeners: Set<(channel: string, payload: string) => void> } | undefined

function connection() {
  if (shared) return shared
  const link = (globalThis as Record<symbol, DatabaseLink | undefined>)[DATABASE]
  if (!link) {
    throw new Error(
      'This sandbox has no database: add db/schema.sql (docs: "A database: PGlite"), then Run again.',
    )
  }
  const listeners = new Set<(channel: string, payload: string) => void>()
  const rpc = new RpcClient(link.port, 'app', (channel, payload) => {
    for (const listener of listeners) queueMicrotask(() => listener(channel, payload))
  })
  shared = { rpc, listeners }
  return shared
}

function dataDirOf(dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions): string | undefined {
  return typeof dataDirOrOptions === 'string'
    ? dataDirOrOptions
    : (dataDirOrOptions?.dataDir ?? options?.dataDir)
}

/** Postgres folds unquoted names to lower case (PGlite's listen() does the same). */
function toPostgresName(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name.toLowerCase()
}

let clients = 0

export class PGlite extends BasePGlite {
  readonly dataDir: string | undefined
  debug = 0 as const
  #rpc: RpcClient
  #client = `app-${++clients}`
  #ready: Promise<void>
  #connected: Promise<unknown>
  #isReady = false
  #closed = false
  #channels = new Map<string, Set<(payload: string) => void>>()
  #global = new Set<(channel: string, payload: string) => void>()
  #onNotify = (channel: string, payload: string) => {
    for (const cb of this.#channels.get(channel) ?? []) cb(payload)
    for (const cb of this.#global) cb(channel, payload)
  }

  constructor(dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions) {
    super()
    const link = (globalThis as Record<symbol, DatabaseLink | undefined>)[DATABASE]
    const dataDir = dataDirOf(dataDirOrOptions, options)
    this.dataDir = dataDir
    if (link && dataDir !== link.dataDir) {
      throw new Error(
        `new PGlite(${JSON.stringify(dataDir ?? null)}): in the browser runtime each sandbox has one database, at process.env.PGDATA ("${link.dataDir}"). Open it with new PGlite(process.env.PGDATA).`,
      )
    }
    const extensions = (typeof dataDirOrOptions === 'object' ? dataDirOrOptions : options)?.extensions
    if (extensions && Object.keys(extensions).length) {
      throw new Error('PGlite extensions are not available in the browser runtime.')
    }
    const { rpc, listeners } = connection()
    this.#rpc = rpc
    listeners.add(this.#onNotify)
    this.#connected = rpc.call('ready')
    // Queries wait for the connection only: _initArrayTypes is itself a query.
    this.#ready = this.#connected.then(async () => {
      await this._initArrayTypes()
      this.#isReady = true
    })
  }

  static async create(dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions): Promise<PGlite> {
    const db = new PGlite(dataDirOrOptions, options)
    await db.waitReady
    return db
  }

  get waitReady(): Promise<void> {
    return this.#ready
  }
  get ready(): boolean {
    return this.#isReady && !this.#closed
  }
  get closed(): boolean {
    return this.#closed
  }

  async close(): Promise<void> {
    this.#closed = true
    shared?.listeners.delete(this.#onNotify)
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('PGlite is closed'))
    return this.#rpc.call<T>(method, args)
  }

  execProtocolRaw(message: Uint8Array, options?: { syncToFs?: boolean }) {
    return this.#call<Uint8Array>('execProtocolRaw', message, { syncToFs: options?.syncToFs })
  }
  execProtocol(message: Uint8Array, options?: { syncToFs?: boolean; throwOnError?: boolean }) {
    return this.#call('execProtocol', message, {
      syncToFs: options?.syncToFs,
      throwOnError: options?.throwOnError,
    })
  }
  execProtocolStream(message: Uint8Array, options?: { syncToFs?: boolean; throwOnError?: boolean }) {
    return this.#call('execProtocolStream', message, {
      syncToFs: options?.syncToFs,
      throwOnError: options?.throwOnError,
    })
  }
  async execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) {
    options.onRawData(await this.execProtocolRaw(message))
  }
  syncToFs() {
    return this.#call<void>('syncToFs')
  }
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto') {
    return this.#call<Blob>('dumpDataDir', compression)
  }
  _handleBlob(blob?: Blob) {
    return this.#call<void>('_handleBlob', blob)
  }
  _getWrittenBlob() {
    return this.#call<Blob | undefined>('_getWrittenBlob')
  }
  _cleanupBlob() {
    return this.#call<void>('_cleanupBlob')
  }
  async _checkReady() {
    await this.#connected
  }
  async _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    await this.#rpc.call('lock', ['query', this.#client])
    try {
      return await fn()
    } finally {
      await this.#rpc.call('unlock', ['query', this.#client])
    }
  }
  async _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.#rpc.call('lock', ['transaction', this.#client])
    try {
      return await fn()
    } finally {
      await this.#rpc.call('unlock', ['transaction', this.#client])
    }
  }

  async listen(channel: string, callback: (payload: string) => void, tx?: Transaction) {
    const name = toPostgresName(channel)
    if (!this.#channels.has(name)) this.#channels.set(name, new Set())
    this.#channels.get(name)!.add(callback)
    await (tx ?? this).exec(`LISTEN ${channel}`)
    return async (tx2?: Transaction) => this.unlisten(name, callback, tx2)
  }
  async unlisten(channel: string, callback?: (payload: string) => void, tx?: Transaction) {
    if (callback) this.#channels.get(channel)?.delete(callback)
    else this.#channels.delete(channel)
    if (!this.#channels.get(channel)?.size) await (tx ?? this).exec(`UNLISTEN ${channel}`)
  }
  onNotification(callback: (channel: string, payload: string) => void) {
    this.#global.add(callback)
    return () => this.#global.delete(callback)
  }
  offNotification(callback: (channel: string, payload: string) => void) {
    this.#global.delete(callback)
  }
}
