/**
 * Builds a hint request (api/tutor/hint-wire.ts) from what the learner sees: the failed check's
 * failing step (request as sent, expected, actual, the mismatch lines), the console, and the
 * learner's own files, each cut to HINT_LIMITS. Pure, so tests build requests from real
 * check results. It takes files, never the sandbox's page data: the solution is not among
 * its inputs, and `learnerFiles` withholds any file that is, word for word, the solution's
 * (after Solve), so no path leads from the solution to a hint request.
 */
import type { CheckResult } from '../checks.ts'
import type { LogEntry, SandboxFiles } from '../runtime.ts'
import {
  HINT_LIMITS as L,
  type HintAttempt,
  type HintConsoleLine,
  type HintRequest,
} from '../../../api/tutor/hint-wire.ts'

export interface HintSource {
  sandbox: string
  lesson: { title: string; objectives: string[] }
  /** The learner's files (learnerFiles()). */
  files: SandboxFiles
  console: readonly LogEntry[]
}

/** Text cut to `max` characters, marked when cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** The editor's files minus any that equal the solution's version of that file. */
export function learnerFiles(editor: SandboxFiles, solution: SandboxFiles | undefined): SandboxFiles {
  return Object.fromEntries(Object.entries(editor).filter(([path, text]) => solution?.[path] !== text))
}

function boundedFiles(files: SandboxFiles): Record<string, string> {
  const out: Record<string, string> = {}
  let room: number = L.filesTotal
  for (const [path, text] of Object.entries(files).slice(0, L.files)) {
    if (room <= 1) break
    const shown = cut(text, Math.min(L.file, room))
    out[cut(path, L.filePath)] = shown
    room -= shown.length
  }
  return out
}

function consoleLine(entry: LogEntry): HintConsoleLine {
  return {
    level: entry.level,
    message: cut(entry.message, L.consoleLine),
    ...(entry.file ? { file: cut(entry.file, L.filePath) } : {}),
    ...(entry.line ? { line: entry.line } : {}),
  }
}

/** Errors first (they are what a hint is about), then the latest lines, in order. */
function relevantConsole(entries: readonly LogEntry[]): HintConsoleLine[] {
  const errors = entries.filter((e) => e.level === 'error')
  const rest = entries.filter((e) => e.level !== 'error').slice(-L.consoleLines)
  return [...errors, ...rest].slice(0, L.consoleLines).map(consoleLine)
}

function boundedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .slice(0, L.headers)
      .map(([name, value]) => [cut(name, L.name), cut(value, L.headerValue)]),
  )
}

function base(source: HintSource, attempt: HintAttempt, previous: readonly string[]) {
  return {
    sandbox: cut(source.sandbox, L.name),
    lesson: {
      title: cut(source.lesson.title, L.name),
      objectives: source.lesson.objectives.slice(0, L.objectives).map((o) => cut(o, L.objective)),
    },
    console: relevantConsole(source.console),
    files: boundedFiles(source.files),
    attempt,
    previous: previous.slice(-2).map((p) => cut(p, L.previous)),
  }
}

export function hintForCheck(
  source: HintSource,
  result: CheckResult,
  attempt: HintAttempt,
  previous: readonly string[] = [],
): HintRequest {
  const index = result.failedStep ?? 0
  const step = result.steps[index]!
  const body = step.request.body
  return {
    ...base(source, attempt, previous),
    check: {
      name: cut(result.name, L.name),
      hint: cut(result.hint, L.checkText),
      problems: step.message
        .split('\n')
        .filter(Boolean)
        .slice(0, L.problems)
        .map((p) => cut(p, L.problem)),
      ...(result.steps.length > 1 ? { step: { index: index + 1, count: result.steps.length } } : {}),
      request: {
        method: cut(step.request.method, L.method),
        path: cut(step.request.path, L.path),
        ...(step.request.headers ? { headers: boundedHeaders(step.request.headers) } : {}),
        ...(body !== undefined
          ? { body: cut(typeof body === 'string' ? body : JSON.stringify(body), L.body) }
          : {}),
      },
      expected: cut(JSON.stringify(step.expected), L.expected),
      ...(step.actual
        ? {
            actual: {
              status: step.actual.status,
              headers: boundedHeaders(step.actual.headers),
              body: cut(step.actual.body, L.body),
            },
          }
        : {}),
    },
  }
}

export function hintForConsoleError(
  source: HintSource,
  entry: LogEntry,
  attempt: HintAttempt,
  previous: readonly string[] = [],
): HintRequest {
  return { ...base(source, attempt, previous), consoleError: consoleLine(entry) }
}
