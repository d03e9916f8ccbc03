/**
 * The Data panel: the sandbox database's tables, their rows a page at a time, a SQL box whose
 * result (or Postgres error, pointed at its position) shows below, and Reset data. It talks to
 * the database through the runtime (`SandboxRuntime.database`), so it works whether the app is
 * running or not; results are capped by the DB worker, so a huge table cannot freeze the page.
 */
import { describeSqlError, type SqlError, type SqlResult } from '../database.ts'
import type { DatabaseCall } from '../protocol.ts'
import { describeResult, errorPointer, PAGE_SIZE, pageLabel, RESULT_LIMIT } from './data-model.ts'

interface TableInfo {
  schema: string
  name: string
}

export interface DataPanelOptions {
  call<T>(call: DatabaseCall): Promise<T>
  /** Asks the learner to confirm Reset data; resolves true to go ahead. */
  confirmReset(): Promise<boolean>
  announce(text: string): void
}

type Outcome<T> = T | { error: SqlError }

function isError<T>(value: Outcome<T>): value is { error: SqlError } {
  return typeof value === 'object' && value !== null && 'error' in value
}

export class DataPanel {
  readonly #panel: HTMLElement
  readonly #options: DataPanelOptions
  readonly #select: HTMLSelectElement
  readonly #summary: HTMLElement
  readonly #sql: HTMLTextAreaElement
  readonly #status: HTMLElement
  readonly #result: HTMLElement
  readonly #pager: HTMLElement
  #tables: TableInfo[] = []
  #browsing: { table: TableInfo; offset: number; total: number } | undefined
  #loaded = false

  constructor(panel: HTMLElement, options: DataPanelOptions) {
    this.#panel = panel
    this.#options = options
    this.#select = panel.querySelector('[data-data-table]')!
    this.#summary = panel.querySelector('[data-data-summary]')!
    this.#sql = panel.querySelector('[data-data-sql]')!
    this.#status = panel.querySelector('[data-data-status]')!
    this.#result = panel.querySelector('[data-data-result]')!
    this.#pager = panel.querySelector('[data-data-pager]')!
    const on = (action: string, handler: () => void) =>
      panel.querySelector(`[data-action="${action}"]`)?.addEventListener('click', handler)
    on('data-refresh', () => void this.refresh())
    on('data-reset', () => void this.reset())
    on('data-prev', () => void this.#page(-1))
    on('data-next', () => void this.#page(1))
    this.#select.addEventListener('change', () => {
      const table = this.#tables[Number(this.#select.value)]
      if (table) void this.browse(table, 0)
    })
    panel.querySelector('[data-data-form]')!.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.runSql()
    })
    this.#sql.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        event.stopPropagation() // not the sandbox's Run
        void this.runSql()
      }
    })
  }

  /** The first time the tab shows: list the tables and browse the first. */
  async show(): Promise<void> {
    if (!this.#loaded) await this.refresh()
  }

  async refresh(): Promise<void> {
    this.#summary.textContent = 'Opening the database…'
    let tables: TableInfo[]
    try {
      tables = await this.#options.call<TableInfo[]>({ method: 'tables' })
    } catch (err) {
      this.#summary.textContent = (err as Error).message
      return
    }
    this.#loaded = true
    this.#tables = tables
    const previous = this.#browsing?.table
    this.#select.replaceChildren(
      ...(tables.length ? [] : [new Option('No tables', '')]),
      ...tables.map(
        (t, i) => new Option(t.schema === 'public' ? t.name : `${t.schema}.${t.name}`, String(i)),
      ),
    )
    this.#summary.textContent = `${tables.length} table${tables.length === 1 ? '' : 's'}`
    const again =
      previous && tables.findIndex((t) => t.schema === previous.schema && t.name === previous.name)
    const index = again !== undefined && again >= 0 ? again : 0
    const first = tables[index]
    if (first) {
      this.#select.value = String(index)
      if (!this.#sql.value.trim()) this.#sql.value = `SELECT * FROM ${first.name} LIMIT 10;`
      await this.browse(first, again !== undefined && again >= 0 ? (this.#browsing?.offset ?? 0) : 0)
    } else {
      this.#browsing = undefined
      this.#pager.hidden = true
      this.#result.replaceChildren(
        note('The database has no tables yet: CREATE TABLE in db/schema.sql, then Reset data.'),
      )
    }
  }

  async browse(table: TableInfo, offset: number): Promise<void> {
    const outcome = await this.#ask<SqlResult & { total: number }>({
      method: 'rows',
      schema: table.schema,
      table: table.name,
      offset,
      limit: PAGE_SIZE,
    })
    if (!outcome) return
    if (isError(outcome)) return this.#showError(outcome.error, '')
    this.#browsing = { table, offset, total: outcome.total }
    this.#result.replaceChildren(
      resultTable(outcome, `${table.name}: ${pageLabel(offset, outcome.rows.length, outcome.total)}`),
    )
    this.#pager.hidden = outcome.total <= PAGE_SIZE
    this.#panel.querySelector<HTMLElement>('[data-data-page]')!.textContent = pageLabel(
      offset,
      outcome.rows.length,
      outcome.total,
    )
    this.#panel.querySelector<HTMLButtonElement>('[data-action="data-prev"]')!.disabled = offset === 0
    this.#panel.querySelector<HTMLButtonElement>('[data-action="data-next"]')!.disabled =
      offset + PAGE_SIZE >= outcome.total
  }

  async runSql(): Promise<void> {
    const sql = this.#sql.value
    if (!sql.trim()) return
    const outcome = await this.#ask<SqlResult>({ method: 'sql', sql, limit: RESULT_LIMIT })
    if (!outcome) return
    // The table picked stays picked (Refresh and Reset data come back to it); its pager hides.
    this.#pager.hidden = true
    if (isError(outcome)) return this.#showError(outcome.error, sql)
    const text = describeResult(outcome)
    this.#status.textContent = text
    this.#options.announce(`SQL ran: ${text}`)
    this.#result.replaceChildren(outcome.fields.length ? resultTable(outcome, text) : note(text))
    // A statement may have created or dropped a table.
    if (outcome.command && outcome.command !== 'SELECT') void this.#refreshTables()
  }

  async reset(): Promise<void> {
    if (!(await this.#options.confirmReset())) return
    this.#status.textContent = 'Resetting the data…'
    const outcome = await this.#ask<{ ok: true } | { error: SqlError }>({ method: 'reset' })
    if (!outcome) return
    if (isError(outcome)) {
      this.#showError(outcome.error, '')
      this.#status.textContent = `Reset data failed, nothing changed: ${describeSqlError(outcome.error)}`
      return
    }
    this.#status.textContent = 'Data reset from db/schema.sql and db/seed.sql.'
    this.#options.announce('The data was reset from db/schema.sql and db/seed.sql.')
    // Back to the first page of the table being browsed (the select keeps it).
    if (this.#browsing) this.#browsing.offset = 0
    await this.refresh()
  }

  async #refreshTables() {
    const tables = await this.#options.call<TableInfo[]>({ method: 'tables' }).catch(() => undefined)
    if (!tables) return
    this.#tables = tables
    const value = this.#select.value
    this.#select.replaceChildren(
      ...tables.map(
        (t, i) => new Option(t.schema === 'public' ? t.name : `${t.schema}.${t.name}`, String(i)),
      ),
    )
    this.#select.value = value
    this.#summary.textContent = `${tables.length} table${tables.length === 1 ? '' : 's'}`
  }

  async #page(direction: 1 | -1) {
    const b = this.#browsing
    if (!b) return
    const offset = Math.max(0, b.offset + direction * PAGE_SIZE)
    if (offset >= b.total && direction > 0) return
    await this.browse(b.table, offset)
  }

  /** One call; a runtime failure (database restarted, not reachable) shows in the status line. */
  async #ask<T>(call: DatabaseCall): Promise<Outcome<T> | undefined> {
    this.#panel.setAttribute('aria-busy', 'true')
    try {
      return await this.#options.call<Outcome<T>>(call)
    } catch (err) {
      const message = (err as Error).message
      this.#status.textContent = message
      this.#result.replaceChildren(note(message, 'error'))
      this.#options.announce(message)
      return undefined
    } finally {
      this.#panel.removeAttribute('aria-busy')
    }
  }

  #showError(error: SqlError, sql: string) {
    const box = document.createElement('div')
    box.className = 'sbx-data-error'
    box.setAttribute('role', 'alert')
    const title = document.createElement('p')
    title.className = 'sbx-data-error-title'
    const pointer = errorPointer(sql, error)
    title.textContent = `ERROR${error.code ? ` ${error.code}` : ''}: ${describeSqlError(error)}${
      pointer ? ` (line ${pointer.line}, column ${pointer.column})` : ''
    }`
    box.append(title)
    if (pointer) {
      const pre = document.createElement('pre')
      pre.className = 'sbx-data-pointer'
      pre.textContent = pointer.text
      box.append(pre)
    }
    if (error.detail) box.append(note(error.detail))
    this.#status.textContent = 'The statement failed.'
    this.#result.replaceChildren(box)
  }
}

function note(text: string, kind?: 'error'): HTMLElement {
  const p = document.createElement('p')
  p.className = 'sbx-empty'
  if (kind) p.dataset.kind = kind
  p.textContent = text
  return p
}

function resultTable(result: SqlResult, caption: string): HTMLElement {
  const wrap = document.createElement('div')
  wrap.className = 'sbx-data-table-wrap'
  wrap.tabIndex = 0
  const table = document.createElement('table')
  table.className = 'sbx-data-table'
  const cap = document.createElement('caption')
  cap.className = 'visually-hidden'
  cap.textContent = caption
  const head = table.createTHead().insertRow()
  for (const field of result.fields) {
    const th = document.createElement('th')
    th.scope = 'col'
    th.textContent = field
    head.append(th)
  }
  const body = table.createTBody()
  for (const row of result.rows) {
    const tr = body.insertRow()
    for (const value of row) {
      const td = tr.insertCell()
      if (value === null) {
        td.textContent = 'NULL'
        td.className = 'sbx-muted'
      } else td.textContent = value
    }
  }
  table.prepend(cap)
  wrap.append(table)
  return wrap
}
