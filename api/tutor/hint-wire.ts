/**
 * What the checks panel sends to `POST /api/openai/tutor/hint` and what streams back: the
 * one contract between the browser (src/sandbox/tutor/hint-context.ts, src/sandbox/ui/hint-box.ts) and the server
 * (api/tutor/). Types and size caps only, so the page ships no validation library; the
 * server validates every field against the same caps (./hint-request.ts).
 *
 * There is no field for solution files: a hint request is built from the learner's own
 * files, and the server has nowhere to put anything else.
 */

/** Size caps, in characters: the browser cuts to them, the server refuses anything above. */
export const HINT_LIMITS = {
  name: 200,
  objective: 300,
  objectives: 8,
  checkText: 500,
  problems: 12,
  problem: 300,
  method: 10,
  path: 500,
  headers: 20,
  headerValue: 300,
  /** A request or response body, as text. */
  body: 1500,
  /** The step's expectations, as JSON text. */
  expected: 1500,
  consoleLines: 12,
  consoleLine: 400,
  files: 6,
  filePath: 120,
  /** One learner file. */
  file: 6000,
  /** All learner files together. */
  filesTotal: 12000,
  /** An earlier hint of the same conversation, sent back with a follow-up. */
  previous: 800,
  /** Most characters a hint may have; the server stops the model there. */
  hintChars: 600,
} as const

/** 1: the first hint; 2: "that did not help", a more specific one. A third is the Solve button. */
export type HintAttempt = 1 | 2

export interface HintConsoleLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug'
  message: string
  file?: string
  line?: number
}

export interface HintCheck {
  name: string
  /** The check's authored hint. */
  hint: string
  /** One mismatch per line, as the checks panel shows it: "status: expected 400, got 200". */
  problems: string[]
  /** "step 2 of 3" for a conversation, when a later step failed. */
  step?: { index: number; count: number }
  request: { method: string; path: string; headers?: Record<string, string>; body?: string }
  /** The failing step's expectations (JSON text, templates filled). */
  expected: string
  /** Missing when the app did not answer. */
  actual?: { status: number; headers: Record<string, string>; body: string }
}

export interface HintRequest {
  sandbox: string
  lesson: { title: string; objectives: string[] }
  /** The failed check asked about, or… */
  check?: HintCheck
  /** …the console error asked about. */
  consoleError?: HintConsoleLine
  /** The app's recent console lines (errors first), with file:line. */
  console: HintConsoleLine[]
  /** The learner's files as they are in the editor, path → text. */
  files: Record<string, string>
  attempt: HintAttempt
  /** The hints already given in this conversation (for attempt 2). */
  previous: string[]
}

/** Server-sent events of a hint, in order: one `hint.start`, `hint.delta`s, one `hint.done` (or `error`). */
export interface HintStart {
  /** `ai`: a model wrote it; `offline`: built from the check, no model (no OPENAI_API_KEY). */
  source: 'ai' | 'offline'
  /** The model's name, or "offline hint builder". */
  model: string
  attempt: HintAttempt
}

export interface HintDone {
  text: string
  /** The hint reached HINT_LIMITS.hintChars and was cut there. */
  truncated: boolean
}

export const OFFLINE_HINT_MODEL = 'offline hint builder'
