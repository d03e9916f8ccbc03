/**
 * The one interface every sandbox runtime implements: the in-browser worker runtime
 * (`worker-runtime.ts`) and the WebContainer runtime (`webcontainer-runtime.ts`). The sandbox
 * UI, the request panel and the check runner only ever talk to this.
 */

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

export interface SandboxRuntime {
  readonly kind: RuntimeKind
  /** Start (or restart) the app from these files; resolves when it answers requests. */
  start(files: SandboxFiles): Promise<void>
  /** Replace changed files; runtimes may hot-restart the app. */
  update(files: SandboxFiles): Promise<void>
  /** Send a request to the running app (`app.fetch` in the worker, the server-ready URL in a WebContainer). */
  fetch(request: Request): Promise<Response>
  stop(): Promise<void>
  /** Subscribe to logs; returns an unsubscribe function. */
  onLog(listener: (entry: LogEntry) => void): () => void
  /** Subscribe to status changes; returns an unsubscribe function. */
  onStatus(listener: (status: RuntimeStatus) => void): () => void
  readonly status: RuntimeStatus
  /** Release everything (workers, iframes, listeners). */
  dispose(): void
}
