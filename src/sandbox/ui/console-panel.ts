/**
 * The console panel: the app's log entries and uncaught errors as they stream from the
 * runtime, each with a "src/app.ts:12" button that jumps to that line. Cleared per run,
 * copyable as text, capped so a logging loop cannot freeze the page.
 */
import type { LogEntry } from '../runtime.ts'

const MAX_ENTRIES = 500

export function formatLogEntry(entry: LogEntry, runStartedAt: number): string {
  const at = entry.file
    ? ` (${entry.file}${entry.line ? `:${entry.line}` : ''}${entry.line && entry.column ? `:${entry.column}` : ''})`
    : ''
  const level = entry.source === 'system' ? 'runtime' : entry.level
  return `[${formatOffset(entry.time - runStartedAt)}] ${level}: ${entry.message}${at}`
}

export function formatOffset(ms: number): string {
  if (ms < 0 || !Number.isFinite(ms)) return '+0 ms'
  return ms < 1000 ? `+${Math.round(ms)} ms` : `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export class ConsolePanel {
  readonly #list: HTMLOListElement
  readonly #empty: HTMLElement
  readonly #summary: HTMLElement
  readonly #badge: HTMLElement | null
  readonly #entries: LogEntry[] = []
  readonly #reveal: (file: string, line: number, column?: number) => void
  readonly #askHint: ((entry: LogEntry) => void) | undefined
  #pending: LogEntry[] = []
  #frame = 0
  #runStartedAt = Date.now()
  #dropped = 0

  constructor(
    panel: HTMLElement,
    tab: HTMLElement | null,
    reveal: (file: string, line: number, column?: number) => void,
    /** "Ask for a hint" on an error the app logged or threw. */
    askHint?: (entry: LogEntry) => void,
  ) {
    this.#askHint = askHint
    this.#list = panel.querySelector('[data-log]')!
    this.#empty = panel.querySelector('[data-log-empty]')!
    this.#summary = panel.querySelector('[data-console-summary]')!
    this.#badge = tab?.querySelector('[data-badge]') ?? null
    this.#reveal = reveal
    this.#list.addEventListener('click', (event) => {
      const hint = (event.target as Element).closest<HTMLElement>('[data-hint-entry]')
      if (hint) {
        const entry = this.#entries[Number(hint.dataset.hintEntry)]
        if (entry) this.#askHint?.(entry)
        return
      }
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-file]')
      if (button)
        this.#reveal(button.dataset.file!, Number(button.dataset.line), Number(button.dataset.column) || 1)
    })
  }

  /** A new run: forget the old log. */
  clear(runStartedAt = Date.now()): void {
    this.#runStartedAt = runStartedAt
    this.#entries.length = 0
    this.#pending = []
    this.#dropped = 0
    this.#list.replaceChildren()
    this.#update()
  }

  add(entry: LogEntry): void {
    if (this.#entries.length >= MAX_ENTRIES) {
      this.#dropped++
      this.#schedule()
      return
    }
    this.#entries.push(entry)
    this.#pending.push(entry)
    this.#schedule()
  }

  get entries(): readonly LogEntry[] {
    return this.#entries
  }

  text(): string {
    const lines = this.#entries.map((e) => formatLogEntry(e, this.#runStartedAt))
    if (this.#dropped) lines.push(`… ${this.#dropped} more entries not shown`)
    return lines.join('\n')
  }

  /** Renders in animation frames: a loop that logs thousands of lines costs one layout per frame. */
  #schedule() {
    if (this.#frame) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      const fragment = document.createDocumentFragment()
      for (const entry of this.#pending) fragment.append(this.#render(entry))
      this.#pending = []
      this.#list.append(fragment)
      this.#list.parentElement?.scrollTo({ top: this.#list.parentElement.scrollHeight })
      this.#update()
    })
  }

  #render(entry: LogEntry): HTMLLIElement {
    const li = document.createElement('li')
    li.className = 'sbx-log-entry'
    li.dataset.level = entry.level
    li.dataset.source = entry.source
    const time = document.createElement('span')
    time.className = 'sbx-log-time'
    time.textContent = formatOffset(entry.time - this.#runStartedAt)
    const level = document.createElement('span')
    level.className = 'sbx-log-level'
    level.textContent = entry.source === 'system' ? 'runtime' : entry.level
    const message = document.createElement('span')
    message.className = 'sbx-log-message'
    message.textContent = entry.message
    li.append(time, level, message)
    if (entry.file) {
      const at = `${entry.file}${entry.line ? `:${entry.line}` : ''}`
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'sbx-log-location'
      button.textContent = at
      if (entry.line) {
        button.dataset.file = entry.file
        button.dataset.line = String(entry.line)
        if (entry.column) button.dataset.column = String(entry.column)
        button.setAttribute('aria-label', `Go to ${entry.file} line ${entry.line}`)
      } else button.disabled = true
      li.append(button)
    }
    if (this.#askHint && entry.level === 'error' && entry.source === 'app') {
      const ask = document.createElement('button')
      ask.type = 'button'
      ask.className = 'sbx-log-hint'
      ask.textContent = 'Ask for a hint'
      ask.dataset.hintEntry = String(this.#entries.indexOf(entry))
      li.append(ask)
    }
    return li
  }

  #update() {
    const count = this.#entries.length + this.#dropped
    const errors = this.#entries.filter((e) => e.level === 'error').length
    this.#empty.hidden = count > 0
    this.#summary.textContent =
      count === 0
        ? 'No output yet'
        : `${count} ${count === 1 ? 'entry' : 'entries'}${errors ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''}`
    if (this.#badge) {
      this.#badge.hidden = count === 0
      this.#badge.textContent = String(errors || count)
      this.#badge.dataset.kind = errors ? 'error' : 'info'
      this.#badge.setAttribute(
        'aria-label',
        errors
          ? `${errors} ${errors === 1 ? 'error' : 'errors'}`
          : `${count} ${count === 1 ? 'entry' : 'entries'}`,
      )
    }
    if (this.#dropped) this.#summary.textContent += ` (showing the first ${MAX_ENTRIES})`
  }
}
