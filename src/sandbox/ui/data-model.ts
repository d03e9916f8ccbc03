/**
 * The Data panel's DOM-free parts: how a page of rows is labelled and how a Postgres error is
 * pointed at in the statement that caused it.
 */
import { lineAndColumn, type SqlError } from '../database.ts'

export const PAGE_SIZE = 50
/** Rows kept of one SQL result (the DB worker reads one more to know there were more). */
export const RESULT_LIMIT = 500

export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0) return 'No rows'
  return `Rows ${offset + 1}–${offset + shown} of ${total}`
}

/**
 * The line of `sql` holding the error's position, with a caret under it:
 *   SELECT nope FROM tasks
 *          ^
 */
export function errorPointer(
  sql: string,
  error: SqlError,
): { line: number; column: number; text: string } | undefined {
  if (!error.position) return undefined
  const { line, column } = lineAndColumn(sql, error.position)
  const source = sql.split('\n')[line - 1] ?? ''
  // Tabs keep their width so the caret lines up.
  const pad = source.slice(0, column - 1).replace(/[^\t]/g, ' ')
  return { line, column, text: `${source}\n${pad}^` }
}

export function describeResult(result: {
  command?: string
  affectedRows?: number
  rows: unknown[]
  truncated: boolean
  ms: number
}): string {
  const ms = `${result.ms < 10 ? result.ms.toFixed(1) : Math.round(result.ms)} ms`
  if (result.command && result.command !== 'SELECT' && !result.rows.length) {
    return `${result.command}${result.affectedRows !== undefined ? `: ${result.affectedRows} row${result.affectedRows === 1 ? '' : 's'}` : ''} (${ms})`
  }
  const n = result.rows.length
  return result.truncated
    ? `First ${n} rows shown: the result has more. Add a LIMIT or a WHERE to see the rest (${ms}).`
    : `${n} row${n === 1 ? '' : 's'} (${ms})`
}
