/**
 * Turns a WebContainer process's terminal output (ANSI colours, \r\n, chunks cut anywhere)
 * into console entries for the sandbox's console panel, located in the learner's source
 * when a stack trace names one of the sandbox's files.
 */
import type { LogEntry, LogLevel } from '../runtime.ts'

// CSI sequences (colours, cursor moves, clear screen) and OSC sequences (window titles).
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78cM]/g

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

function levelOf(line: string): LogLevel {
  if (/\b(?:\w*Error|ERR!|Unhandled|Uncaught|EADDRINUSE)\b/.test(line)) return 'error'
  if (/\bwarn(?:ing)?\b/i.test(line)) return 'warn'
  return 'log'
}

/**
 * "/home/course/node-env-config/src/app.ts:12:5" or "src/app.ts:12" → the sandbox-relative
 * file and position. Only files inside the sandbox count, never node_modules.
 */
export function locateInSandbox(
  line: string,
  sandboxDir: string,
): Pick<LogEntry, 'file' | 'line' | 'column'> {
  const escaped = sandboxDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const file = '((?!node_modules/)[\\w.-]+(?:/[\\w.-]+)*\\.[cm]?[jt]sx?):(\\d+)(?::(\\d+))?'
  const match =
    new RegExp(`/${escaped}/${file}`).exec(line) ?? // an absolute path inside the container
    new RegExp(`(?:^|[\\s(])(?:\\./)?${file}`).exec(line) // a path relative to the sandbox
  if (!match) return {}
  const location: Pick<LogEntry, 'file' | 'line' | 'column'> = { file: match[1]!, line: Number(match[2]) }
  if (match[3]) location.column = Number(match[3])
  return location
}

/** Splits chunks into complete lines and turns each meaningful one into a log entry. */
export class ProcessLogLines {
  private partial = ''

  constructor(
    private readonly sandboxDir: string,
    private readonly emit: (entry: LogEntry) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(chunk: string): void {
    const text = this.partial + stripAnsi(chunk)
    const lines = text.split(/\r?\n|\r(?!$)/)
    this.partial = lines.pop() ?? ''
    for (const line of lines) this.line(line)
  }

  /** The process ended: whatever is left is a line too. */
  flush(): void {
    const rest = this.partial
    this.partial = ''
    if (rest) this.line(rest)
  }

  private line(raw: string): void {
    const message = raw.replace(/\r/g, '').trimEnd()
    // npm's "> pkg@1.0.0 dev" / "> tsx watch src/server.ts" banners are not the learner's output.
    if (message.trim() === '' || /^> /.test(message)) return
    this.emit({
      level: levelOf(message),
      message,
      time: this.now(),
      source: 'app',
      ...locateInSandbox(message, this.sandboxDir),
    })
  }
}

/** A short, single-line progress note from npm's output, for the status line. */
export function progressNote(chunk: string): string | undefined {
  const lines = stripAnsi(chunk)
    .split(/[\r\n]+/)
    .map((l) => l.replace(/^[\s⠁-⣿|/\\-]+/, '').trim())
    .filter((l) => l.length > 2)
  const last = lines.at(-1)
  return last === undefined ? undefined : last.length > 80 ? `${last.slice(0, 77)}…` : last
}
