/**
 * The sandbox database convention (docs/sandboxes.md, "A database: PGlite"), shared by the
 * browser runtime (runner, DB worker, Data panel) and Node (check:sandboxes, tests): where a
 * sandbox keeps its schema and sample data, how a database is reset, and how a Postgres error
 * is located in the SQL that caused it. Pure code.
 */
import type { SandboxFiles } from './runtime.ts'

/** Run once on a new database, then by Reset data: CREATE TABLE … */
export const SCHEMA_FILE = 'db/schema.sql'
/** Run after the schema: INSERT … (sample rows). Optional. */
export const SEED_FILE = 'db/seed.sql'
/** The package learner code imports, and the environment variable that names the data dir. */
export const PGLITE_SPECIFIER = '@electric-sql/pglite'
export const DATA_DIR_VARIABLE = 'PGDATA'

/** The schema and seed SQL of a sandbox, from its files (either may be empty). */
export interface DatabaseSetup {
  schema: string
  seed: string
}

export function databaseSetup(files: SandboxFiles): DatabaseSetup {
  return { schema: files[SCHEMA_FILE] ?? '', seed: files[SEED_FILE] ?? '' }
}

/** A sandbox has a database when it ships db/schema.sql (the runtime also opens one for any app that imports PGlite). */
export function hasDatabase(files: SandboxFiles): boolean {
  return files[SCHEMA_FILE] !== undefined
}

/**
 * The data dir of a sandbox's database on the sandbox origin. PGlite's `memfs2opfs://` keeps
 * the files in memory and writes the changed ones to the origin private file system (OPFS)
 * after every statement, so the data survives reloads and restarted workers.
 */
export function browserDataDir(sandbox: string): string {
  return `memfs2opfs://course-sandbox-${sandbox.replace(/[^a-z0-9-]/gi, '-')}`
}

/**
 * Drops every schema the learner's SQL may have created (and public), then re-creates public:
 * the state of a new database, before db/schema.sql runs. Run inside a transaction with the
 * schema and seed, so a broken schema.sql leaves the data as it was.
 */
export const DROP_EVERYTHING_SQL = `DO $course_reset$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
  CREATE SCHEMA public;
  GRANT ALL ON SCHEMA public TO public;
END
$course_reset$;`

/** The fields of a Postgres error a learner needs (PGlite's DatabaseError carries them all). */
export interface SqlError {
  message: string
  /** SQLSTATE, e.g. "42P01" (undefined table). */
  code?: string
  detail?: string
  hint?: string
  /** 1-based character offset into the statement, as Postgres reports it. */
  position?: number
  /** Which file the statement came from, when it was db/schema.sql or db/seed.sql. */
  file?: string
  line?: number
  column?: number
}

/** A thrown value (PGlite's DatabaseError or anything else) as an SqlError. */
export function toSqlError(err: unknown): SqlError {
  const e = (err ?? {}) as Record<string, unknown>
  const position = Number(e.position)
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
    ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
    ...(Number.isFinite(position) && position > 0 ? { position } : {}),
  }
}

/** The 1-based line and column of a 1-based character position in `sql`. */
export function lineAndColumn(sql: string, position: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, position - 1))
  const line = before.split('\n').length
  return { line, column: before.length - before.lastIndexOf('\n') }
}

/** "db/schema.sql:3:8: syntax error at or near "TABEL"" — an error in a setup file, located. */
export function locateSetupError(err: unknown, file: string, sql: string): SqlError {
  const error = toSqlError(err)
  const where = error.position ? lineAndColumn(sql, error.position) : undefined
  return { ...error, file, ...where }
}

export function describeSqlError(error: SqlError): string {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}:${error.column}` : ''}: ` : ''
  return `${where}${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`
}

/** A statement that returns rows and can be read through a cursor (so a huge result is cut). */
export function isReadQuery(sql: string): boolean {
  const text = stripComments(sql).trim().replace(/;\s*$/, '')
  return /^(select|with|values|table)\b/i.test(text) && !text.includes(';')
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '')
}

/** Quotes an identifier for SQL: tasks → "tasks", my"t → "my""t". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export const LIST_TABLES_SQL = `SELECT n.nspname AS schema, c.relname AS name, c.reltuples::bigint AS estimate
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname`

/** What the Data panel shows for one statement. */
export interface SqlResult {
  /** Column names, in order. */
  fields: string[]
  /** At most `limit` rows, each an array in field order, values as display strings (null stays null). */
  rows: (string | null)[][]
  /** The command tag, e.g. "SELECT", "INSERT". */
  command?: string
  /** Rows changed by INSERT/UPDATE/DELETE. */
  affectedRows?: number
  /** True when the statement returned more rows than were kept. */
  truncated: boolean
  ms: number
}

/** A value as the Data panel shows it. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  if (value instanceof Uint8Array)
    return `\\x${[...value.slice(0, 64)].map((b) => b.toString(16).padStart(2, '0')).join('')}${value.length > 64 ? '…' : ''}`
  if (typeof value === 'object') return JSON.stringify(value)
  const text = String(value)
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text
}
