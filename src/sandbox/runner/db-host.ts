/**
 * The runner's side of a sandbox database: starts the DB worker (db-worker.ts) the first time an
 * app imports PGlite or the Data panel opens, keeps it across Runs, hands each app worker a
 * MessagePort to it, and watches it: a statement that runs past the deadline (an endless query,
 * a million-row insert) gets the worker terminated and a new one started on the same stored
 * files, so the page stays responsive and committed data stays.
 */
import { browserDataDir, describeSqlError, type DatabaseSetup, type SqlError } from '../database.ts'
import { RpcClient } from '../db-rpc.ts'
import { isSetUp } from './db-marker.ts'
import type { RunnerToDbWorker, DbWorkerToRunner } from './db-worker.ts'

export interface PgliteAssets {
  worker: string
  wasm: string
  initdb: string
  data: string
  /** The data directory initdb made at build time (a tar), unpacked for each new database. */
  pgdata: string
}

/** Compiled once per page: every DB worker (and every restart) gets the same modules. */
let assetsPromise:
  Promise<{ pgliteWasm: WebAssembly.Module; initdbWasm: WebAssembly.Module; fsBundle: Blob }> | undefined

function loadAssets(assets: PgliteAssets) {
  assetsPromise ??= (async () => {
    const [pgliteWasm, initdbWasm, fsBundle] = await Promise.all([
      WebAssembly.compileStreaming(fetch(assets.wasm)),
      WebAssembly.compileStreaming(fetch(assets.initdb)),
      fetchBlob(assets.data),
    ])
    return { pgliteWasm, initdbWasm, fsBundle }
  })()
  assetsPromise.catch(() => (assetsPromise = undefined))
  return assetsPromise
}

function fetchBlob(url: string): Promise<Blob> {
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url} answered ${r.status}`)
    return r.blob()
  })
}

export interface DbHostEvents {
  log(level: 'info' | 'warn' | 'error', message: string): void
  /** The DB worker was replaced: app workers holding a port to the old one must restart. */
  restarted(): void
}

const PING_MS = 500

export class DbHost {
  readonly sandbox: string
  readonly dataDir: string
  timeoutMs = 5000
  #assets: PgliteAssets
  #events: DbHostEvents
  #worker: Worker | undefined
  #opened: Promise<{ created: boolean; setupError?: SqlError }> | undefined
  #admin: RpcClient | undefined
  #connections = 0
  #watch: ReturnType<typeof setInterval> | undefined
  #lastPong = 0
  #ping = 0
  #setup: DatabaseSetup = { schema: '', seed: '' }

  /**
   * `scratch`: an in-memory database for checks, emptied and seeded again before each check run,
   * so results never depend on what the learner did to their own data.
   */
  constructor(
    sandbox: string,
    assets: PgliteAssets,
    events: DbHostEvents,
    options: { scratch?: boolean } = {},
  ) {
    this.sandbox = sandbox
    this.dataDir = options.scratch ? 'memory://' : browserDataDir(sandbox)
    this.#assets = assets
    this.#events = events
  }

  get open(): boolean {
    return this.#worker !== undefined
  }

  /** Starts the DB worker if needed; a new database gets `setup` (schema, then seed). */
  ensure(setup: DatabaseSetup): Promise<{ created: boolean; setupError?: SqlError }> {
    this.#setup = setup
    this.#opened ??= this.#start()
    return this.#opened
  }

  async #start(): Promise<{ created: boolean; setupError?: SqlError }> {
    const t0 = performance.now()
    // A new database is unpacked from the build's data directory: fetched alongside Postgres.
    const [modules, pgdata] = await Promise.all([
      loadAssets(this.#assets),
      isSetUp(this.dataDir).then((setUp) => (setUp ? undefined : fetchBlob(this.#assets.pgdata))),
    ])
    const worker = new Worker(this.#assets.worker, { type: 'module', name: 'sandbox database' })
    this.#worker = worker
    const opened = new Promise<{ created: boolean; setupError?: SqlError }>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<DbWorkerToRunner>) => {
        const m = event.data
        if (m.kind === 'pong') this.#lastPong = Math.max(this.#lastPong, performance.now())
        else if (m.kind === 'opened')
          resolve({ created: m.created, ...(m.setupError ? { setupError: m.setupError } : {}) })
        else if (m.kind === 'open-failed') reject(new Error(m.message))
      }
      worker.onerror = (event) => {
        event.preventDefault()
        reject(new Error(`The database worker failed: ${event.message || 'unknown error'}`))
      }
    })
    worker.postMessage({
      kind: 'open',
      dataDir: this.dataDir,
      setup: this.#setup,
      pgdataUrl: this.#assets.pgdata,
      ...(pgdata ? { pgdata } : {}),
      ...modules,
    } satisfies RunnerToDbWorker)
    try {
      const result = await opened
      const channel = new MessageChannel()
      worker.postMessage(
        { kind: 'connect', connection: 'runner', port: channel.port2 } satisfies RunnerToDbWorker,
        [channel.port2],
      )
      this.#admin = new RpcClient(channel.port1, 'runner')
      this.#startWatch(worker)
      if (result.created && this.dataDir !== 'memory://') {
        this.#events.log(
          result.setupError ? 'error' : 'info',
          result.setupError
            ? `The new database could not be set up: ${describeSqlError(result.setupError)}. Fix the file, then press Reset data.`
            : `Created this sandbox's database from db/schema.sql and db/seed.sql (${Math.round(performance.now() - t0)} ms). It is kept in this browser.`,
        )
      }
      return result
    } catch (err) {
      this.#kill()
      throw err
    }
  }

  /** A new port to the database for an app worker (transfer it). */
  connect(): { port: MessagePort; connection: string } {
    const worker = this.#worker
    if (!worker) throw new Error('the database is not open')
    const connection = `app-${++this.#connections}`
    const channel = new MessageChannel()
    worker.postMessage({ kind: 'connect', connection, port: channel.port2 } satisfies RunnerToDbWorker, [
      channel.port2,
    ])
    return { port: channel.port1, connection }
  }

  /** The app worker holding this connection is gone: release its locks, roll back its transaction. */
  disconnect(connection: string) {
    this.#worker?.postMessage({ kind: 'disconnect', connection } satisfies RunnerToDbWorker)
  }

  /** A runner call (Data panel, Reset data), opening the database first if needed. */
  async call<T>(setup: DatabaseSetup, method: string, args: unknown[] = []): Promise<T> {
    await this.ensure(setup)
    return this.#admin!.call<T>(method, args)
  }

  /** Stops the database (its stored files stay). */
  close() {
    this.#kill()
  }

  #kill(why = 'The database was restarted before it answered.') {
    clearInterval(this.#watch)
    this.#admin?.failAll(why)
    this.#admin = undefined
    this.#worker?.terminate()
    this.#worker = undefined
    this.#opened = undefined
  }

  /** A worker busy in one statement answers no ping: past the deadline, replace it. */
  #startWatch(worker: Worker) {
    this.#lastPong = performance.now()
    clearInterval(this.#watch)
    this.#watch = setInterval(() => {
      if (this.#worker !== worker) return
      if (performance.now() - this.#lastPong > this.timeoutMs) {
        const message = `A database statement ran longer than ${this.timeoutMs / 1000} s (a query that never ends, or a very large one), so the database was restarted. Everything committed before it is kept. Add a LIMIT, or work in smaller steps.`
        this.#kill(message)
        this.#events.log('error', message)
        this.#events.restarted()
        return
      }
      worker.postMessage({ kind: 'ping', n: ++this.#ping } satisfies RunnerToDbWorker)
    }, PING_MS)
  }
}

/**
 * The databases of one runner page: the sandbox's own (kept across Runs) and, for checks, a
 * scratch one seeded afresh before each check run. Shared by every service of the sandbox.
 */
export class Databases {
  timeoutMs = 5000
  #assets: PgliteAssets
  #events: DbHostEvents
  #own: DbHost | undefined
  #scratch: DbHost | undefined

  constructor(assets: PgliteAssets, events: DbHostEvents) {
    this.#assets = assets
    this.#events = events
  }

  /** The sandbox's own database (created on first use). */
  own(sandbox: string): DbHost {
    if (this.#own && this.#own.sandbox !== sandbox) {
      this.#own.close()
      this.#own = undefined
    }
    this.#own ??= new DbHost(sandbox, this.#assets, this.#events)
    this.#own.timeoutMs = this.timeoutMs
    return this.#own
  }

  /**
   * Opens the database a run talks to: the sandbox's own, or (`fresh`, for checks) the scratch
   * one, emptied and seeded from `setup`. Throws with a message for the learner.
   */
  async open(sandbox: string, setup: DatabaseSetup, fresh: boolean): Promise<DbHost> {
    if (!fresh) {
      const own = this.own(sandbox)
      await own.ensure(setup)
      return own
    }
    if (this.#scratch?.sandbox !== sandbox) {
      this.#scratch?.close()
      this.#scratch = new DbHost(sandbox, this.#assets, this.#events, { scratch: true })
    }
    const scratch = this.#scratch
    scratch.timeoutMs = this.timeoutMs
    await scratch.ensure({ schema: '', seed: '' })
    const reset = await scratch.call<{ error?: SqlError }>(setup, 'reset', [setup])
    if (reset.error)
      throw new Error(`The checks' database could not be set up: ${describeSqlError(reset.error)}`)
    return scratch
  }
}
