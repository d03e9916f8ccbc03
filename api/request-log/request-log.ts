/**
 * One structured JSON line per AI proxy request: method, path, status, duration, model and
 * token counts. Never bodies, headers, query strings, keys or tokens — only facts the
 * handlers choose to record. The logger is injectable so tests can capture the lines.
 */
import type { MiddlewareHandler } from 'hono'
import { requestIdOf } from './request-id.ts'

export interface RequestLogEntry {
  time: string
  level: 'info' | 'warn' | 'error'
  msg: 'ai request'
  /** The request's id (X-Request-Id; api/request-log/request-id.ts), when the app assigns them. */
  request_id?: string
  method: string
  path: string
  status: number
  duration_ms: number
  /** A short hash of the client key, so lines can be correlated without storing addresses. */
  client?: string
  model?: string
  stream?: boolean
  prompt_tokens?: number
  completion_tokens?: number
  total_tokens?: number
  error_code?: string
}

export type RequestLogger = (entry: RequestLogEntry) => void

export interface JsonLineLoggerOptions {
  /** Where a batch of lines goes (default: console.log, i.e. stdout). */
  write?: (lines: string) => void
  /** Longest a line waits before it is written (default 100 ms). */
  flushAfterMs?: number
  /** Lines that are written at once at the latest (default 200). */
  maxLines?: number
}

// One exit hook for every logger (a hook each would trip Node's listener-leak warning in
// test runs that build many APIs).
const flushers = new Set<() => void>()
function flushOnExit(flush: () => void) {
  if (flushers.size === 0) {
    const host = (globalThis as { process?: { once?(event: 'exit', listener: () => void): void } }).process
    host?.once?.('exit', () => flushers.forEach((f) => f()))
  }
  flushers.add(flush)
}

/**
 * Writes JSON lines to stdout, where a platform's log collector picks them up. Lines are
 * batched: on Node a write to stdout is a synchronous system call, and one per request cost
 * more CPU than the proxy's own work in bench/ai-proxy. A batch waits at most `flushAfterMs`
 * and is flushed when the process exits.
 */
export function jsonLineLogger(options: JsonLineLoggerOptions = {}): RequestLogger & { flush(): void } {
  const write = options.write ?? ((lines: string) => console.log(lines))
  const flushAfterMs = options.flushAfterMs ?? 100
  const maxLines = options.maxLines ?? 200
  let pending: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return
    const lines = pending.join('\n')
    pending = []
    write(lines)
  }
  flushOnExit(flush)
  return Object.assign(
    (entry: RequestLogEntry) => {
      pending.push(JSON.stringify(entry))
      if (pending.length >= maxLines) return flush()
      if (timer === undefined) {
        timer = setTimeout(flush, flushAfterMs)
        // Waiting log lines must not keep a finished process alive; the exit hook writes them.
        ;(timer as { unref?: () => void }).unref?.()
      }
    },
    { flush },
  )
}

export interface TokenUsage {
  prompt: number
  completion: number
  total: number
}

/** What handlers record about a request for its log line. */
export interface RequestLogFields {
  client?: string
  model?: string
  stream?: boolean
  usage?: TokenUsage
  errorCode?: string
  /** Overrides the level derived from the status (e.g. a client that went away is no server error). */
  level?: RequestLogEntry['level']
  /** Set by a streamed answer: the line is written when the stream ends, with its usage. */
  finished?: Promise<void>
}

export type RequestLogEnv = { Variables: { requestLog: RequestLogFields } }

export interface RequestLogOptions {
  logger: RequestLogger
}

async function errorCodeOf(res: Response): Promise<string | undefined> {
  if (!res.headers.get('content-type')?.includes('application/json')) return undefined
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } }
    return typeof body.error?.code === 'string' ? body.error.code : undefined
  } catch {
    return undefined
  }
}

export function requestLog(options: RequestLogOptions): MiddlewareHandler<RequestLogEnv> {
  return async function requestLog(c, next) {
    const started = performance.now()
    const fields: RequestLogFields = {}
    c.set('requestLog', fields)
    await next()
    const status = c.res.status
    if (status >= 400 && fields.errorCode === undefined) fields.errorCode = await errorCodeOf(c.res)
    const write = () => {
      const entry: RequestLogEntry = {
        time: new Date().toISOString(),
        level:
          fields.level ??
          (status >= 500 || (status < 400 && fields.errorCode) ? 'error' : status >= 400 ? 'warn' : 'info'),
        msg: 'ai request',
        request_id: requestIdOf(c),
        method: c.req.method,
        path: c.req.path,
        status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      }
      if (fields.client) entry.client = fields.client
      if (fields.model) entry.model = fields.model
      if (fields.stream !== undefined) entry.stream = fields.stream
      if (fields.usage) {
        entry.prompt_tokens = fields.usage.prompt
        entry.completion_tokens = fields.usage.completion
        entry.total_tokens = fields.usage.total
      }
      if (fields.errorCode) entry.error_code = fields.errorCode
      try {
        options.logger(entry)
      } catch {
        // A broken log sink must not turn a served request into an error.
      }
    }
    if (fields.finished) void fields.finished.then(write, write)
    else write()
  }
}
