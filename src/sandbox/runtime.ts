/**
 * The one interface every sandbox runtime implements: the in-browser worker runtime
 * (`worker-runtime.ts`) and the WebContainer runtime (`webcontainer-runtime.ts`). The sandbox
 * UI, the request panel and the check runner only ever talk to this.
 */

import type { DatabaseCall } from './protocol.ts'

/** Sandbox files by path relative to the sandbox folder, e.g. "src/app.ts". */
export type SandboxFiles = Record<string, string>

export type RuntimeKind = 'worker' | 'webcontainer'

export type RuntimeStatus =
  | { state: 'idle' }
  | { state: 'booting'; detail?: string }
  | { state: 'installing'; detail?: string }
  | { state: 'starting'; detail?: string }
  | { state: 'running'; previewUrl?: string }
  | { state: 'stopped' }
  | { state: 'crashed'; message: string }

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug'

/** One console line or uncaught error, located in the learner's source, never in generated code. */
export interface LogEntry {
  level: LogLevel
  message: string
  /** Sandbox-relative path such as "src/app.ts", when known. */
  file?: string
  line?: number
  column?: number
  /** Milliseconds since the epoch. */
  time: number
  /** 'system' entries come from the runtime itself (restarts, timeouts), not the learner. */
  source: 'app' | 'system'
}

/**
 * Responses that come from the runtime instead of the learner's app (a request that hit the
 * deadline, an app that is not running) carry this header, whose value is a RuntimeErrorKind,
 * and a JSON body `{ "error": "<what happened and what to do>", "runtimeError": "<kind>" }`.
 */
export const RUNTIME_ERROR_HEADER = 'x-sandbox-runtime-error'

export type RuntimeErrorKind =
  /** The app did not answer before the deadline; it was stopped and restarted. */
  | 'timeout'
  /** The app is not running (never started, stopped, or failed to start). */
  | 'not-running'
  /** The app was restarted while this request was in flight (another request timed out). */
  | 'restarted'
  /** The runtime itself could not be reached. */
  | 'unreachable'

/** True when the runtime answered in the app's place (see RUNTIME_ERROR_HEADER). */
export function isRuntimeError(response: Response): boolean {
  return response.headers.has(RUNTIME_ERROR_HEADER)
}

export interface StartOptions {
  /**
   * Run against a freshly seeded database instead of the sandbox's own (checks, so their results
   * never depend on what the learner did to the data). Runtimes without databases ignore it.
   */
  freshDatabase?: boolean
}

export interface SandboxRuntime {
  readonly kind: RuntimeKind
  /**
   * Start (or restart) the app from these files; resolves when it answers requests. Rejects
   * when the app cannot start (a syntax error, a throw or endless loop at the top level):
   * the error's message says why, status becomes 'crashed' and the details arrive as log
   * entries with file and line.
   */
  start(files: SandboxFiles, options?: StartOptions): Promise<void>
  /** Replace changed files; runtimes may hot-restart the app. */
  update(files: SandboxFiles): Promise<void>
  /**
   * Send a request to the running app (`app.fetch` in the worker, the server-ready URL in a
   * WebContainer). Only the path and query of the URL matter. Never rejects for app problems:
   * when the runtime answers instead of the app, the response is marked (isRuntimeError).
   */
  fetch(request: Request): Promise<Response>
  stop(): Promise<void>
  /** Subscribe to logs; returns an unsubscribe function. */
  onLog(listener: (entry: LogEntry) => void): () => void
  /** Subscribe to status changes; returns an unsubscribe function. */
  onStatus(listener: (status: RuntimeStatus) => void): () => void
  readonly status: RuntimeStatus
  /**
   * The sandbox's database (worker runtime only): tables, rows, SQL, Reset data. `files` gives
   * db/schema.sql and db/seed.sql for a new database and for a reset.
   */
  database?<T>(files: SandboxFiles, call: DatabaseCall): Promise<T>
  /** Release everything (workers, iframes, listeners). */
  dispose(): void

  // Capabilities only one runtime has; the UI shows their panels when they are present.

  /**
   * Sandboxes with several services (worker runtime): the one fetch() sends to, undefined for
   * the first; each service's state as it changes; stopping or starting one while the others run.
   */
  service?: string | undefined
  onServices?(listener: (services: Record<string, ServiceState>) => void): () => void
  setService?(service: string, action: 'stop' | 'start'): Promise<void>
  /**
   * The Terminal panel (WebContainer runtime): raw output of `npm install` and `npm run dev`
   * (ANSI colours included), and an interactive shell in the sandbox's folder.
   */
  onOutput?(listener: (chunk: string) => void): () => void
  spawnShell?(size: TerminalSize): Promise<ShellProcess>
}

export type ServiceState = RuntimeStatus['state']

/** A size for a shell and a server's pseudo-terminal. */
export interface TerminalSize {
  cols: number
  rows: number
}

/** An interactive process behind a terminal (what `WebContainer.spawn` returns). */
export interface ShellProcess {
  input: WritableStream<string>
  output: ReadableStream<string>
  exit: Promise<number>
  resize(size: TerminalSize): void
  kill(): void
}
