/**
 * How one environment variable is read: whole numbers, booleans, lists, host names, origins and
 * URLs. api/config.ts reads every setting with these, so a given kind of value is accepted (and
 * refused, with the variable named) the same way whichever variable holds it.
 */

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type Env = Record<string, string | undefined>

export interface IntRange {
  min: number
  max: number
  /** Named in the message, e.g. "a whole number of milliseconds". */
  unit?: string
}

/** A whole number in a range (`1_000` reads as 1000); the error names the variable, the range and what was given. */
export function readInt(env: Env, name: string, fallback: number, range: IntRange): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const text = raw.trim().replaceAll('_', '')
  if (!/^\d+$/.test(text)) {
    const what = range.unit ? `a whole number of ${range.unit}` : 'a whole number'
    throw new ConfigError(`${name} must be ${what} between ${range.min} and ${range.max}, got "${raw}".`)
  }
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be between ${range.min} and ${range.max}, got ${text}.`)
  }
  return value
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on']
const FALSE_WORDS = ['0', 'false', 'no', 'off']

/** true, false or undefined for a value that is neither (1/0, yes/no, on/off too). */
export function booleanWord(text: string): boolean | undefined {
  const word = text.trim().toLowerCase()
  if (TRUE_WORDS.includes(word)) return true
  if (FALSE_WORDS.includes(word)) return false
  return undefined
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = booleanWord(raw)
  if (value === undefined)
    throw new ConfigError(`${name} must be true or false (or 1/0, yes/no, on/off), got "${raw}".`)
  return value
}

/** A comma-separated list, items trimmed, empty items dropped; undefined when the variable is unset or blank. */
export function readList(env: Env, name: string): string[] | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

export function readHost(env: Env, name: string, fallback: string): string {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const host = raw.trim()
  // A host name, an IPv4 address or an IPv6 literal; anything with a scheme, port or path is a mistake.
  if (!/^(?:[a-zA-Z0-9.-]+|[0-9a-fA-F:]+)$/.test(host)) {
    throw new ConfigError(
      `${name} must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, got "${raw}".`,
    )
  }
  return host
}

export interface OriginRules {
  /** Also accept `https://*.example.com` (any subdomain), `null` (opaque origins) and `*` (any): an allow-list. */
  patterns?: boolean
}

/**
 * An http(s) origin such as https://sandbox.example (no path, query, fragment or credentials),
 * returned as browsers write it in `Origin` (lower case, default port dropped), so that
 * comparing it with a request's Origin is comparing strings.
 */
export function readOrigin(raw: string, name: string, rules: OriginRules = {}): string {
  const text = raw.trim()
  if (rules.patterns && (text === '*' || text === 'null')) return text
  const example = rules.patterns
    ? 'http://127.0.0.1:4322 or https://*.example.com'
    : 'https://sandbox.example'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${example}, got "${raw}".`)
  }
  // A `*` only as the whole first label, and only in an allow-list.
  const wildcard = rules.patterns ? /^(?:\*\.)?[^*]+$/ : /^[^*]+$/
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username ||
    url.password ||
    !wildcard.test(url.hostname)
  ) {
    throw new ConfigError(`${name} must be an http(s) origin with no path, such as ${example}, got "${raw}".`)
  }
  return url.origin
}

/** A comma-separated list of origins (readOrigin); `fallback` when the variable is unset. */
export function readOrigins(env: Env, name: string, fallback: string[], rules: OriginRules = {}): string[] {
  return readList(env, name)?.map((item) => readOrigin(item, name, rules)) ?? fallback
}

export function readUrl(env: Env, name: string, schemes: string[], example: string): string | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${example}, got a value that is not a URL.`)
  }
  if (!schemes.includes(url.protocol)) {
    // Only the scheme is echoed: the URL may carry a password.
    throw new ConfigError(
      `${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, got "${url.protocol}//…".`,
    )
  }
  return raw
}
