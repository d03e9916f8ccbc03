/**
 * What the course page accepts from the runner. The runner lives on the sandbox origin, and
 * so do previews: a preview page can reach the runner's window (same origin) and post
 * whatever it likes through it. So every message is checked for its shape before the page
 * acts on it, and a status's `previewUrl` must lie under this session's own preview path:
 * a forged one could otherwise point the preview pane anywhere.
 */
import type { RunnerToPage, RunStats, SerializedResponse } from './protocol.ts'
import type { LogEntry, RuntimeStatus } from './runtime.ts'

type Unknown = Record<string, unknown>

const isObject = (value: unknown): value is Unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown, max = 100_000): value is string =>
  typeof value === 'string' && value.length <= max
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
const optional = <T>(value: unknown, check: (v: unknown) => v is T): boolean =>
  value === undefined || check(value)

const LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug'])
const SOURCES = new Set(['app', 'system'])
const STATES = new Set(['idle', 'booting', 'installing', 'starting', 'running', 'stopped', 'crashed'])

function isLogEntry(value: unknown): value is LogEntry {
  return (
    isObject(value) &&
    LEVELS.has(value.level as string) &&
    isString(value.message, 1_000_000) &&
    typeof value.time === 'number' &&
    SOURCES.has(value.source as string) &&
    optional(value.file, (v): v is string => isString(v, 500)) &&
    optional(value.line, isCount) &&
    optional(value.column, isCount)
  )
}

function isHeaderList(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && isString(pair[0], 1000) && isString(pair[1]),
    )
  )
}

function isResponse(value: unknown): value is SerializedResponse {
  return (
    isObject(value) &&
    isCount(value.status) &&
    (value.status as number) >= 100 &&
    (value.status as number) <= 599 &&
    isString(value.statusText, 1000) &&
    isHeaderList(value.headers) &&
    (value.body === null || value.body instanceof ArrayBuffer)
  )
}

function isStats(value: unknown): value is RunStats {
  return (
    isObject(value) &&
    isObject(value.transpileMs) &&
    Object.values(value.transpileMs).every((ms) => typeof ms === 'number') &&
    Array.isArray(value.cached) &&
    value.cached.every((file) => isString(file, 500)) &&
    ['startMs', 'graphMs', 'loadMs'].every((key) => typeof value[key] === 'number') &&
    typeof value.warmWorker === 'boolean'
  )
}

function isStatus(value: unknown, previewPrefix: string): value is RuntimeStatus {
  if (!isObject(value)) return false
  const keys = Object.keys(value)
  const only = (...allowed: string[]) => keys.every((key) => key === 'state' || allowed.includes(key))
  switch (value.state) {
    case 'idle':
    case 'stopped':
      return only()
    case 'booting':
    case 'installing':
    case 'starting':
      return only('detail') && optional(value.detail, (v): v is string => isString(v, 1000))
    case 'crashed':
      return only('message') && isString(value.message)
    case 'running':
      return (
        only('previewUrl') &&
        optional(value.previewUrl, (v): v is string => isString(v, 2000) && isPreviewUrl(v, previewPrefix))
      )
    default:
      return false
  }
}

/** `url` is the session's preview root or lies under it (no `..`, no other origin). */
export function isPreviewUrl(url: string, previewPrefix: string): boolean {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  return parsed.href.startsWith(previewPrefix) && !/%2e|%2f|\/\.\.?(?:\/|$)/i.test(parsed.pathname)
}

/**
 * The message if it is one the runner sends, in the shape it sends it; undefined otherwise.
 * `previewPrefix` is `<sandbox origin>/preview/<session>/`.
 */
export function runnerMessage(data: unknown, previewPrefix: string): RunnerToPage | undefined {
  if (!isObject(data)) return undefined
  switch (data.kind) {
    case 'reply':
      return isCount(data.id) &&
        optional(data.error, (v): v is string => isString(v)) &&
        optional(data.response, isResponse) &&
        optional(data.stats, isStats)
        ? (data as RunnerToPage)
        : undefined
    case 'log':
      return isLogEntry(data.entry) ? (data as RunnerToPage) : undefined
    case 'status':
      return isStatus(data.status, previewPrefix) ? (data as RunnerToPage) : undefined
    case 'chunk':
      return isCount(data.id) &&
        (data.data === undefined || data.data instanceof ArrayBuffer) &&
        optional(data.done, (v): v is boolean => typeof v === 'boolean') &&
        optional(data.error, (v): v is string => isString(v))
        ? (data as RunnerToPage)
        : undefined
    case 'services':
      return isObject(data.services) &&
        Object.values(data.services).every((state) => typeof state === 'string' && STATES.has(state))
        ? (data as RunnerToPage)
        : undefined
    default:
      return undefined
  }
}
