/**
 * The DB worker: a dedicated Worker on the sandbox origin that runs one sandbox's database, the
 * real PGlite (Postgres in WebAssembly), stored with PGlite's `memfs2opfs` file system in the
 * sandbox origin's private file system (db-storage.ts). A new database is unpacked from the data
 * directory that PGlite's initdb made at build time (scripts/build-sandbox-origin.ts), not by
 * running initdb here, which took seconds. The runner starts it once per page and keeps it
 * across Runs; app workers (through vendor/pglite.ts) and the runner (Data panel, Reset data) talk to it over
 * MessagePorts. When a statement never ends the runner terminates this worker and starts
 * another, which reopens the same files: everything committed before is still there.
 */
import { PGlite } from '@electric-sql/pglite'
import {
  DROP_EVERYTHING_SQL,
  displayValue,
  isReadQuery,
  LIST_TABLES_SQL,
  locateSetupError,
  quoteIdent,
  SCHEMA_FILE,
  SEED_FILE,
  toSqlError,
  type DatabaseSetup,
  type SqlResult,
} from '../database.ts'
import { errorFields, type RpcCall, type RpcReply } from '../db-rpc.ts'
import { isSetUp, markSetUp, storedPath } from './db-marker.ts'
import { isLayered, removeStoredDataDir, SandboxDbFs } from './db-storage.ts'

export type RunnerToDbWorker =
  | {
      kind: 'open'
      dataDir: string
      setup: DatabaseSetup
      pgliteWasm: WebAssembly.Module
      initdbWasm: WebAssembly.Module
      fsBundle: Blob
      /** The data directory initdb made at build time (a tar), for a new database. */
      pgdataUrl: string
      /** …already fetched, when the runner saw no set-up database. */
      pgdata?: Blob
    }
  | { kind: 'connect'; port: MessagePort; connection: string }
  | { kind: 'disconnect'; connection: string }
  | { kind: 'ping'; n: number }

export type DbWorkerToRunner =
  | { kind: 'opened'; created: boolean; setupError?: ReturnType<typeof locateSetupError> }
  | { kind: 'open-failed'; message: string }
  | { kind: 'pong'; n: number }

interface WorkerScope {
  postMessage(message: DbWorkerToRunner): void
  addEventListener(type: 'message', listener: (event: MessageEvent<RunnerToDbWorker>) => void): void
}
const scope = globalThis as unknown as WorkerScope

let db: PGlite | undefined
let dataDir: string | undefined
let resolveOpened!: (db: PGlite) => void
const opened = new Promise<PGlite>((resolve) => (resolveOpened = resolve))

const LOCK_WAIT_MS = 4000

/** Per connection and client: the release functions of the locks it holds. */
const held = new Map<string, { query?: () => void; transaction?: () => void }>()
const ports = new Map<string, MessagePort>()

scope.addEventListener('message', (event) => {
  const message = event.data
  if (message.kind === 'open') void open(message)
  else if (message.kind === 'ping') scope.postMessage({ kind: 'pong', n: message.n })
  else if (message.kind === 'connect') connect(message.connection, message.port)
  else if (message.kind === 'disconnect') void disconnect(message.connection)
})

async function open(message: Extract<RunnerToDbWorker, { kind: 'open' }>) {
  try {
    const stored = message.dataDir !== 'memory://'
    // One page at a time may hold a sandbox's files (two PGlites on one data dir would corrupt it).
    // A worker just terminated (a restart after an endless statement) releases its lock a moment
    // later, so wait a little; a lock still held after that belongs to another tab.
    const lock =
      !stored ||
      (await new Promise<boolean>((resolve) => {
        navigator.locks
          .request(`course-db:${message.dataDir}`, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => {
            resolve(true)
            return new Promise(() => {})
          })
          .catch(() => resolve(false))
      }))
    if (!lock) {
      scope.postMessage({
        kind: 'open-failed',
        message:
          "This sandbox's database is open in another tab (or another copy of this sandbox on the page). Close it there, then Run again.",
      })
      return
    }
    const created = !(await isSetUp(message.dataDir))
    const path = storedPath(message.dataDir)
    // No marker: nothing usable is stored (a page closed before the setup committed).
    if (created && stored) await removeStoredDataDir(path)
    const base = created ? (message.pgdata ?? (await fetchBlob(message.pgdataUrl))) : undefined
    // A database stored before the layered store (db-storage.ts) keeps PGlite's own layout.
    const layered = stored && (created || (await isLayered(path)))
    const pg = new PGlite({
      ...(layered
        ? { fs: new SandboxDbFs(path, base && new Uint8Array(await base.arrayBuffer())) }
        : { dataDir: message.dataDir, ...(base ? { loadDataDir: base } : {}) }),
      pgliteWasmModule: message.pgliteWasm,
      initdbWasmModule: message.initdbWasm,
      fsBundle: message.fsBundle,
    })
    await pg.waitReady
    let setupError: ReturnType<typeof locateSetupError> | undefined
    if (created) setupError = await runSetup(pg, message.setup)
    if (created && stored && !setupError) await markSetUp(message.dataDir)
    db = pg
    dataDir = message.dataDir
    resolveOpened(pg)
    pg.onNotification((channel, payload) => {
      for (const port of ports.values()) port.postMessage({ notify: { channel, payload } } satisfies RpcReply)
    })
    scope.postMessage({ kind: 'opened', created, ...(setupError ? { setupError } : {}) })
  } catch (err) {
    scope.postMessage({
      kind: 'open-failed',
      message: `The database could not open: ${(err as Error).message}`,
    })
  }
}

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url} answered ${res.status}`)
  return res.blob()
}

/** db/schema.sql then db/seed.sql, in one transaction: all or nothing. Returns the located error, if any. */
async function runSetup(pg: PGlite, setup: DatabaseSetup, dropFirst = false) {
  let step: { file: string; sql: string } | undefined
  try {
    await pg.transaction(async (tx) => {
      if (dropFirst) await tx.exec(DROP_EVERYTHING_SQL)
      for (const [file, sql] of [
        [SCHEMA_FILE, setup.schema],
        [SEED_FILE, setup.seed],
      ] as const) {
        step = { file, sql }
        if (sql.trim()) await tx.exec(sql)
      }
    })
    return undefined
  } catch (err) {
    return step ? locateSetupError(err, step.file, step.sql) : { ...toSqlError(err) }
  }
}

function connect(connection: string, port: MessagePort) {
  ports.set(connection, port)
  port.onmessage = (event: MessageEvent<RpcCall>) => void answer(connection, port, event.data)
}

async function disconnect(connection: string) {
  ports.get(connection)?.close()
  ports.delete(connection)
  let hadTransaction = false
  for (const [key, locks] of held) {
    if (!key.startsWith(`${connection}\0`)) continue
    held.delete(key)
    if (locks.transaction) hadTransaction = true
    locks.query?.()
    locks.transaction?.()
  }
  // An app stopped mid-transaction (a timeout): roll back what it left open.
  if (hadTransaction && db?.isInTransaction()) await db.exec('ROLLBACK').catch(() => {})
}

async function answer(connection: string, port: MessagePort, call: RpcCall) {
  let reply: RpcReply
  try {
    const result = await methods(connection, call)
    reply = { id: call.id, result }
  } catch (err) {
    reply = { id: call.id, error: errorFields(err) }
  }
  port.postMessage(reply)
}

/** A view that owns its buffer, so it can be posted without copying a whole wasm heap. */
function own(data: Uint8Array): Uint8Array {
  return data.byteLength === data.buffer.byteLength ? data : data.slice()
}

async function methods(connection: string, call: RpcCall): Promise<unknown> {
  const pg = await opened
  const args = call.args
  const key = `${connection}\0${String(args[1])}`
  switch (call.method) {
    case 'ready':
      return true
    case 'execProtocol': {
      const { messages, data } = await pg.execProtocol(args[0] as Uint8Array, args[1] as object)
      return { messages, data: own(data) }
    }
    case 'execProtocolStream':
      return pg.execProtocolStream(args[0] as Uint8Array, args[1] as object)
    case 'execProtocolRaw':
      return own(await pg.execProtocolRaw(args[0] as Uint8Array, args[1] as object))
    case 'syncToFs':
      return pg.syncToFs()
    case 'dumpDataDir':
      return pg.dumpDataDir(args[0] as 'none' | 'gzip' | 'auto' | undefined)
    case '_handleBlob':
      return pg._handleBlob(args[0] as Blob | undefined)
    case '_getWrittenBlob':
      return pg._getWrittenBlob()
    case '_cleanupBlob':
      return pg._cleanupBlob()
    case 'lock': {
      const kind = args[0] as 'query' | 'transaction'
      const run = kind === 'query' ? pg._runExclusiveQuery.bind(pg) : pg._runExclusiveTransaction.bind(pg)
      await new Promise<void>((acquired) => {
        void run(
          () =>
            new Promise<void>((release) => {
              held.set(key, { ...held.get(key), [kind]: release })
              acquired()
            }),
        )
      })
      return true
    }
    case 'unlock': {
      const kind = args[0] as 'query' | 'transaction'
      const locks = held.get(key)
      locks?.[kind]?.()
      if (locks) delete locks[kind]
      return true
    }
    // ── the runner's own calls: Data panel and Reset data ──
    case 'reset': {
      const error = await runSetup(pg, args[0] as DatabaseSetup, true)
      if (!error && dataDir && dataDir !== 'memory://') await markSetUp(dataDir)
      return error ? { error } : { ok: true }
    }
    case 'tables':
      return (await pg.query<{ schema: string; name: string; estimate: string }>(LIST_TABLES_SQL)).rows
    case 'rows': {
      const [schema, table, offset, limit] = args as [string, string, number, number]
      const name = `${quoteIdent(schema)}.${quoteIdent(table)}`
      const count = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)
      const result = await runSql(`SELECT * FROM ${name} LIMIT ${limit} OFFSET ${offset}`, limit)
      return { ...result, total: count.rows[0]?.n ?? 0 }
    }
    case 'sql':
      return runSql(args[0] as string, args[1] as number)
    default:
      throw new Error(`unknown database call ${call.method}`)
  }

  /** One statement for the Data panel; a read query goes through a cursor so a huge result is cut at `limit`. */
  async function runSql(
    sql: string,
    limit: number,
  ): Promise<SqlResult | { error: ReturnType<typeof toSqlError> }> {
    const t0 = performance.now()
    try {
      if (isReadQuery(sql)) {
        const text = sql.trim().replace(/;\s*$/, '')
        // The cursor's own SQL comes first: a position in the learner's statement moves by its length.
        const prefix = 'DECLARE course_data_panel NO SCROLL CURSOR FOR '
        return await pg.transaction(async (tx) => {
          try {
            await tx.query(prefix + text)
          } catch (err) {
            const e = toSqlError(err)
            if (e.position) e.position = Math.max(1, e.position - prefix.length)
            throw Object.assign(new Error(e.message), e)
          }
          const res = await tx.query<Record<string, unknown>>(
            `FETCH ${limit + 1} FROM course_data_panel`,
            [],
            {
              rowMode: 'array',
            },
          )
          await tx.rollback()
          const rows = (res.rows as unknown as unknown[][]).map((r) => r.map(displayValue))
          return {
            fields: res.fields.map((f) => f.name),
            rows: rows.slice(0, limit),
            command: 'SELECT',
            truncated: rows.length > limit,
            ms: performance.now() - t0,
          }
        })
      }
      const results = await pg.exec(sql, { rowMode: 'array' })
      const last = results[results.length - 1]
      const rows = ((last?.rows ?? []) as unknown as unknown[][]).map((r) => r.map(displayValue))
      return {
        fields: last?.fields.map((f) => f.name) ?? [],
        rows: rows.slice(0, limit),
        ...(last?.command ? { command: last.command } : {}),
        ...(last?.affectedRows ? { affectedRows: last.affectedRows } : {}),
        truncated: rows.length > limit,
        ms: performance.now() - t0,
      }
    } catch (err) {
      return { error: toSqlError(err) }
    }
  }
}
