/**
 * Exercise checks: a list of requests and what their responses must be. One runner for the
 * browser (against a sandbox runtime's `fetch`) and Node (against `app.request` in
 * `npm run check:sandboxes`). Pure code: no DOM, no Node APIs, only `Request`/`Response`.
 *
 * A sandbox's `checks.ts` is data only, so the site can serialize it into the page:
 *
 *   import { defineChecks } from '../../src/sandbox/checks.ts'
 *   export default defineChecks([
 *     { name: 'greets Alice', hint: 'Read the name from the JSON body.',
 *       request: { method: 'POST', path: '/hello', body: { name: 'Alice' } },
 *       expect: { status: 200, json: { message: 'Hello, Alice!' } } },
 *   ])
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface CheckRequest {
  method: string
  /** Path and query, e.g. "/hello?lang=en". */
  path: string
  headers?: Record<string, string>
  /**
   * A string is sent as-is (use it for malformed JSON); any other JSON value is sent as JSON
   * with `Content-Type: application/json` unless the headers already set a content type.
   */
  body?: string | JsonValue
}

/** A header must equal a string exactly, or contain a substring (`{ includes: 'json' }`). */
export type HeaderExpectation = string | { includes: string }

export interface CheckExpect {
  status?: number
  /** Header names are case-insensitive; values are compared as described by HeaderExpectation. */
  headers?: Record<string, HeaderExpectation>
  /** The body parsed as JSON must deep-equal this value (same keys, same array lengths). */
  json?: JsonValue
  /**
   * The body parsed as JSON must contain this value: objects may have extra keys, arrays must
   * have the same length and each element must contain the expected element.
   */
  jsonIncludes?: JsonValue
  /** The body text must equal this exactly. */
  text?: string
  /** The body text must contain this. */
  bodyIncludes?: string
}

export interface Check {
  name: string
  /** Shown when the check fails: what to look at, never the answer verbatim. */
  hint: string
  request: CheckRequest
  expect: CheckExpect
}

export interface ActualResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface CheckResult {
  name: string
  passed: boolean
  request: CheckRequest
  expected: CheckExpect
  /** Missing when the request itself failed (the app crashed or could not be reached). */
  actual?: ActualResponse
  hint: string
  /** "Passed", or every mismatch on its own line: "status: expected 400, got 200". */
  message: string
}

export type FetchFunction = (request: Request) => Response | Promise<Response>

/** Types a checks.ts default export; validation happens in the sandbox loader at build time. */
export function defineChecks(checks: Check[]): Check[] {
  return checks
}

/** Builds the `Request` a check sends; `baseUrl` only matters to apps that read `c.req.url`. */
export function checkRequest(request: CheckRequest, baseUrl = 'http://localhost'): Request {
  const headers = new Headers(request.headers)
  let body: string | undefined
  if (request.body !== undefined) {
    if (typeof request.body === 'string') body = request.body
    else {
      body = JSON.stringify(request.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  return new Request(new URL(request.path, baseUrl), { method: request.method.toUpperCase(), headers, body })
}

/** Runs checks one after another (later checks may depend on earlier ones, e.g. create then list). */
export async function runChecks(
  checks: readonly Check[],
  fetchFn: FetchFunction,
  options: { baseUrl?: string } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const check of checks) {
    const base = { name: check.name, request: check.request, expected: check.expect, hint: check.hint }
    let actual: ActualResponse
    try {
      const response = await fetchFn(checkRequest(check.request, options.baseUrl))
      actual = {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      }
    } catch (err) {
      results.push({ ...base, passed: false, message: `request failed: ${errorMessage(err)}` })
      continue
    }
    const failures = compareResponse(check.expect, actual)
    results.push({
      ...base,
      actual,
      passed: failures.length === 0,
      message: failures.length ? failures.join('\n') : 'Passed',
    })
  }
  return results
}

/** Every way `actual` differs from `expect`, one readable line each; empty when it matches. */
export function compareResponse(expect: CheckExpect, actual: ActualResponse): string[] {
  const failures: string[] = []
  if (expect.status !== undefined && expect.status !== actual.status) {
    failures.push(`status: expected ${expect.status}, got ${actual.status}`)
  }
  for (const [name, rule] of Object.entries(expect.headers ?? {})) {
    const value = actual.headers[name.toLowerCase()]
    if (value === undefined) failures.push(`header ${name}: expected it to be set, but it is missing`)
    else if (typeof rule === 'string' && value !== rule)
      failures.push(`header ${name}: expected "${rule}", got "${value}"`)
    else if (typeof rule === 'object' && !value.includes(rule.includes)) {
      failures.push(`header ${name}: expected it to contain "${rule.includes}", got "${value}"`)
    }
  }
  if (expect.json !== undefined || expect.jsonIncludes !== undefined) {
    let parsed: JsonValue | undefined
    try {
      parsed = JSON.parse(actual.body) as JsonValue
    } catch {
      failures.push(`body: expected JSON, got ${preview(actual.body)}`)
    }
    if (parsed !== undefined) {
      if (expect.json !== undefined && !jsonEquals(expect.json, parsed)) {
        failures.push(`body: expected ${JSON.stringify(expect.json)}, got ${JSON.stringify(parsed)}`)
      }
      if (expect.jsonIncludes !== undefined && !jsonIncludes(parsed, expect.jsonIncludes)) {
        failures.push(
          `body: expected it to include ${JSON.stringify(expect.jsonIncludes)}, got ${JSON.stringify(parsed)}`,
        )
      }
    }
  }
  if (expect.text !== undefined && actual.body !== expect.text) {
    failures.push(`body: expected ${JSON.stringify(expect.text)}, got ${preview(actual.body)}`)
  }
  if (expect.bodyIncludes !== undefined && !actual.body.includes(expect.bodyIncludes)) {
    failures.push(
      `body: expected it to contain ${JSON.stringify(expect.bodyIncludes)}, got ${preview(actual.body)}`,
    )
  }
  return failures
}

export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEquals(v, b[i]!))
    )
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEquals(a[k]!, b[k]!))
  }
  return false
}

/** True when `actual` contains `expected` (extra object keys allowed; arrays match by position). */
export function jsonIncludes(actual: JsonValue, expected: JsonValue): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => jsonIncludes(actual[i]!, v))
    )
  }
  if (isObject(expected)) {
    return (
      isObject(actual) &&
      Object.keys(expected).every((k) => k in actual && jsonIncludes(actual[k]!, expected[k]!))
    )
  }
  return actual === expected
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function preview(body: string): string {
  if (body === '') return 'an empty body'
  return JSON.stringify(body.length > 200 ? `${body.slice(0, 200)}…` : body)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
