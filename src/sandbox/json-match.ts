/**
 * Compares a JSON response body with what a check expects, and says where it differs
 * (`body.tasks[1].title: expected "Milk", got "Bread"`), so a learner sees the one field to fix.
 *
 * Two modes: `exact` (the check's `json`: same keys, same array lengths) and `includes` (the
 * check's `jsonIncludes`: extra object keys allowed; arrays still match item by item). Anywhere
 * in an expected value, an object whose keys all start with `$` is a **matcher** instead of a
 * literal:
 *
 *   { $length: 2 }                  an array (or string) of exactly 2 items (characters)
 *   { $contains: { title: 'Milk' } } an array with at least one item like this (matched as
 *                                   `includes`, whatever the mode)
 *   { $type: 'number' }             'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'
 *   { $matches: '^[0-9a-f-]{36}$' } a string matching this regular expression
 *   { $absent: true }               this key must not be there (e.g. no passwordHash)
 *   { $present: true }              this key must be there, with any value
 *
 * Matchers combine: `{ $type: 'array', $length: 3, $contains: { done: true } }`. Real JSON keys
 * that start with `$` cannot be matched literally (no exercise needs them).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'

export interface JsonMatcher {
  $length?: number
  $contains?: JsonPattern
  $type?: JsonType
  $matches?: string
  $absent?: true
  $present?: true
}

/** A JSON value in which any object may be a JsonMatcher. */
export type JsonPattern =
  string | number | boolean | null | JsonPattern[] | JsonMatcher | { [key: string]: JsonPattern }

export const MATCHER_KEYS = ['$length', '$contains', '$type', '$matches', '$absent', '$present'] as const
export const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'boolean', 'null', 'array', 'object']

export type MatchMode = 'exact' | 'includes'

/** An object whose keys all start with "$" (at least one). */
export function isMatcher(value: unknown): value is JsonMatcher {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/** Every difference between `actual` and `expected`, one line each, prefixed with its path. */
export function matchJson(
  actual: JsonValue,
  expected: JsonPattern,
  mode: MatchMode,
  path = 'body',
): string[] {
  if (isMatcher(expected)) return matchMatcher(actual, expected, path)
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`]
    if (actual.length !== expected.length)
      return [`${path}: expected ${items(expected.length)}, got ${items(actual.length)}: ${show(actual)}`]
    return expected.flatMap((item, i) => matchJson(actual[i]!, item, mode, `${path}[${i}]`))
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return [`${path}: expected an object, got ${show(actual)}`]
    const failures: string[] = []
    for (const [key, pattern] of Object.entries(expected)) {
      const at = `${path}${keyPath(key)}`
      if (!(key in actual)) {
        if (!(isMatcher(pattern) && pattern.$absent)) failures.push(`${at}: missing`)
        continue
      }
      failures.push(...matchJson(actual[key]!, pattern, mode, at))
    }
    if (mode === 'exact') {
      for (const key of Object.keys(actual))
        if (!(key in expected))
          failures.push(`${path}${keyPath(key)}: not expected, got ${show(actual[key]!)}`)
    }
    return failures
  }
  return actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`]
}

function matchMatcher(actual: JsonValue, matcher: JsonMatcher, path: string): string[] {
  const failures: string[] = []
  if (matcher.$absent) failures.push(`${path}: must be absent, got ${show(actual)}`)
  if (matcher.$type !== undefined && typeOf(actual) !== matcher.$type)
    failures.push(`${path}: expected ${article(matcher.$type)}, got ${show(actual)}`)
  if (matcher.$length !== undefined) {
    const length = Array.isArray(actual)
      ? actual.length
      : typeof actual === 'string'
        ? actual.length
        : undefined
    if (length === undefined)
      failures.push(`${path}: expected ${items(matcher.$length)}, got ${show(actual)}`)
    else if (length !== matcher.$length)
      failures.push(
        Array.isArray(actual)
          ? `${path}: expected ${items(matcher.$length)}, got ${items(length)}: ${show(actual)}`
          : `${path}: expected ${matcher.$length} characters, got ${length}: ${show(actual)}`,
      )
  }
  if (matcher.$matches !== undefined) {
    if (typeof actual !== 'string' || !new RegExp(matcher.$matches).test(actual))
      failures.push(`${path}: expected a string matching /${matcher.$matches}/, got ${show(actual)}`)
  }
  if (matcher.$contains !== undefined) {
    const wanted = matcher.$contains
    if (!Array.isArray(actual)) failures.push(`${path}: expected an array, got ${show(actual)}`)
    else if (!actual.some((item) => matchJson(item, wanted, 'includes').length === 0))
      failures.push(`${path}: expected an item like ${show(wanted)}, got ${show(actual)}`)
  }
  return failures
}

export function typeOf(value: JsonValue): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as JsonType
}

function isPlainObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

function items(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`
}

function article(type: JsonType): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`
}

/** A value as it appears in a message: JSON, shortened past 200 characters. */
export function show(value: JsonPattern): string {
  const text = JSON.stringify(value)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
