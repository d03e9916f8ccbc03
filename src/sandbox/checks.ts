/**
 * Exercise checks: requests and what their responses must be. One runner for the browser
 * (against a sandbox runtime's `fetch`, either runtime) and Node (against `app.request` in
 * `npm run check:sandboxes`). Pure code: no DOM, no Node APIs, only `Request`/`Response`.
 * The full syntax, with examples, is in docs/checks.md.
 *
 * A sandbox's `checks.ts` is data only, so the site can serialize it into the page. A check is
 * one request, or a conversation of steps:
 *
 *   import { defineChecks } from '../../src/sandbox/checks.ts'
 *   export default defineChecks([
 *     { name: 'greets Alice', hint: 'Read the name from the JSON body.',
 *       request: { method: 'POST', path: '/hello', body: { name: 'Alice' } },
 *       expect: { status: 200, json: { message: 'Hello, Alice!' } } },
 *     { name: 'a logged-in user sees their name', hint: 'Set the session cookie on login.',
 *       steps: [
 *         { id: 'login', request: { method: 'POST', path: '/login', body: { user: 'ada', password: 'pw' } },
 *           expect: { status: 200, cookies: { session: { httpOnly: true, sameSite: 'Lax' } } } },
 *         { request: { method: 'GET', path: '/me' },          // the jar sends the session cookie
 *           expect: { status: 200, jsonIncludes: { user: 'ada' } } },
 *       ] },
 *   ])
 *
 * Steps run in order; the first failing step ends the check (later steps are "skipped").
 * Each check starts with an empty cookie jar (./cookie-jar.ts) that carries Set-Cookie to
 * later steps as a browser would, unless a step sets its own `Cookie` header. Steps with an
 * `id` can be read by later steps with `{{id.json.a[0]}}`, `{{id.header.location}}`,
 * `{{id.cookie.session}}` and `{{id.status}}` (./check-templates.ts) in their path, headers,
 * body and expectations. JSON expectations may hold matchers (`{ $length: 2 }`,
 * `{ $contains: {…} }`, `{ $type }`, `{ $matches }`, `{ $absent: true }`; ./json-match.ts).
 * The sandbox loader validates all of it at build time (./check-schema.ts).
 */
import { fillJson, fillText, TemplateError, type StepCapture } from './check-templates.ts'
import { CookieJar, isDeletion, parseSetCookie, type SameSite, type SetCookie } from './cookie-jar.ts'
import { setCookieHeader, setCookiesOf } from './cookie-transport.ts'
import { matchJson, show, type JsonPattern, type JsonValue } from './json-match.ts'
import { sandboxRequest } from './sandbox-request.ts'

export type { JsonMatcher, JsonPattern, JsonType, JsonValue } from './json-match.ts'

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

/** A status code, or a list of acceptable ones (`[200, 201]`). */
export type StatusExpectation = number | number[]

/** Text that must equal a string, contain a substring, or match a regular expression (JS syntax, no slashes). */
export type TextExpectation = string | { includes: string } | { matches: string }

/** A header must equal a string, contain or match one, be there at all, or not be there. */
export type HeaderExpectation = TextExpectation | { present: true } | { absent: true }

/**
 * What the response's Set-Cookie for one cookie must say. Any attribute expectation implies
 * that the response sets the cookie. `present` means it sets it (not a deletion); `absent`
 * means it sets no live cookie of that name (nothing, or a deletion such as `Max-Age=0`).
 * `path` and `maxAge` compare the attributes as sent.
 */
export interface CookieExpectation {
  present?: boolean
  absent?: boolean
  value?: TextExpectation
  httpOnly?: boolean
  secure?: boolean
  sameSite?: SameSite
  path?: string
  maxAge?: number
}

export interface CheckExpect {
  status?: StatusExpectation
  /** Header names are case-insensitive. */
  headers?: Record<string, HeaderExpectation>
  /** Cookies this response sets, by name (case-sensitive, as cookies are). */
  cookies?: Record<string, CookieExpectation>
  /** The body parsed as JSON must equal this exactly (same keys, same array lengths), matchers aside. */
  json?: JsonPattern
  /** The body parsed as JSON must contain this: extra object keys allowed, arrays matched item by item. */
  jsonIncludes?: JsonPattern
  /** The body text must equal this exactly. */
  text?: string
  /** The body text must contain this. */
  bodyIncludes?: string
  /** The body text must match this regular expression (JS syntax, no slashes). */
  bodyMatches?: string
}

export interface CheckStep {
  /** Names the step so later steps can read its response: `{{id.json.x}}`. */
  id?: string
  request: CheckRequest
  expect: CheckExpect
}

interface CheckBase {
  name: string
  /** Shown when the check fails: what to look at, never the answer verbatim. */
  hint: string
}

export interface RequestCheck extends CheckBase {
  request: CheckRequest
  expect: CheckExpect
}

export interface StepsCheck extends CheckBase {
  steps: CheckStep[]
}

export type Check = RequestCheck | StepsCheck

export interface ActualResponse {
  status: number
  /** Lower-case names; several Set-Cookie headers appear joined by ", " (read `setCookies`). */
  headers: Record<string, string>
  /** Each Set-Cookie header of the response. */
  setCookies: string[]
  body: string
}

export type StepState = 'passed' | 'failed' | 'skipped'

export interface StepResult {
  id?: string
  /** 'skipped': not sent, because an earlier step failed. */
  state: StepState
  /** The request as sent: templates filled, the jar's cookies in a Cookie header. */
  request: CheckRequest
  /** The expectations with their templates filled. */
  expected: CheckExpect
  /** Missing when nothing was received (skipped, unfillable template, app unreachable). */
  actual?: ActualResponse
  /** "Passed", "Not run: …", or every mismatch on its own line: "status: expected 400, got 200". */
  message: string
}

export interface CheckResult {
  name: string
  hint: string
  passed: boolean
  /** One step for a single-request check. */
  steps: StepResult[]
  /** Index of the first failed step, when one failed. */
  failedStep?: number
  /** "Passed", or what failed (prefixed with the step for multi-step checks). */
  message: string
}

export type FetchFunction = (request: Request) => Response | Promise<Response>

/** Types a checks.ts default export; validation happens in the sandbox loader at build time. */
export function defineChecks(checks: Check[]): Check[] {
  return checks
}

/** The steps of any check (a single-request check is one step). */
export function stepsOf(check: Check): CheckStep[] {
  return 'steps' in check ? check.steps : [{ request: check.request, expect: check.expect }]
}

/**
 * Builds the `Request` a check sends; `baseUrl` only matters to apps that read `c.req.url`.
 * `cookie` is the jar's Cookie header (carried as the runtime's mirror in browsers).
 */
export function checkRequest(request: CheckRequest, baseUrl = 'http://localhost', cookie = ''): Request {
  const headers = new Headers(request.headers)
  let body: string | undefined
  if (request.body !== undefined) {
    if (typeof request.body === 'string') body = request.body
    else {
      body = JSON.stringify(request.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  const explicit = headers.get('cookie')
  if (explicit !== null || cookie) setCookieHeader(headers, explicit ?? cookie)
  // sandboxRequest: a check's User-Agent, Referer… reach the app in the browser too.
  return sandboxRequest(new URL(request.path, baseUrl), {
    method: request.method.toUpperCase(),
    headers,
    body,
  })
}

/** Runs checks one after another (later checks may depend on earlier ones, e.g. create then list). */
export async function runChecks(
  checks: readonly Check[],
  fetchFn: FetchFunction,
  options: { baseUrl?: string } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const check of checks) results.push(await runCheck(check, fetchFn, options))
  return results
}

/** Runs one check's steps with a fresh cookie jar; stops at the first failing step. */
export async function runCheck(
  check: Check,
  fetchFn: FetchFunction,
  options: { baseUrl?: string } = {},
): Promise<CheckResult> {
  const steps = stepsOf(check)
  const jar = new CookieJar()
  const captures = new Map<string, StepCapture>()
  const results: StepResult[] = []
  let failedStep: number | undefined
  for (const [i, step] of steps.entries()) {
    const base = step.id !== undefined ? { id: step.id } : {}
    if (failedStep !== undefined) {
      results.push({
        ...base,
        state: 'skipped',
        request: step.request,
        expected: step.expect,
        message: `Not run: step ${failedStep + 1} failed`,
      })
      continue
    }
    const result = await runStep(step, jar, captures, fetchFn, options.baseUrl)
    results.push({ ...base, ...result })
    if (result.state === 'failed') failedStep = i
  }
  const failed = failedStep === undefined ? undefined : results[failedStep]!
  const message = !failed
    ? 'Passed'
    : steps.length === 1
      ? failed.message
      : `Step ${failedStep! + 1}${failed.id ? ` (${failed.id})` : ''} of ${steps.length}: ${failed.message}`
  return {
    name: check.name,
    hint: check.hint,
    passed: failed === undefined,
    steps: results,
    ...(failedStep !== undefined ? { failedStep } : {}),
    message,
  }
}

async function runStep(
  step: CheckStep,
  jar: CookieJar,
  captures: Map<string, StepCapture>,
  fetchFn: FetchFunction,
  baseUrl = 'http://localhost',
): Promise<Omit<StepResult, 'id'>> {
  let request: CheckRequest
  let expected: CheckExpect
  try {
    request = fillRequest(step.request, captures)
    expected = fillExpect(step.expect, captures)
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err
    return { state: 'failed', request: step.request, expected: step.expect, message: err.message }
  }
  const hasCookieHeader = Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'cookie')
  const cookie = hasCookieHeader ? '' : jar.header(request.path)
  // The request as sent, for the result view: the jar's cookies are part of it.
  const sent: CheckRequest = cookie
    ? { ...request, headers: { ...request.headers, Cookie: cookie } }
    : request
  let actual: ActualResponse
  try {
    actual = await readResponse(await fetchFn(checkRequest(request, baseUrl, cookie)))
  } catch (err) {
    return { state: 'failed', request: sent, expected, message: `request failed: ${errorMessage(err)}` }
  }
  jar.storeAll(actual.setCookies, request.path)
  if (step.id !== undefined) captures.set(step.id, actual)
  const failures = compareResponse(expected, actual)
  return {
    state: failures.length ? 'failed' : 'passed',
    request: sent,
    expected,
    actual,
    message: failures.length ? failures.join('\n') : 'Passed',
  }
}

function fillRequest(request: CheckRequest, captures: ReadonlyMap<string, StepCapture>): CheckRequest {
  return {
    ...request,
    path: fillText(request.path, captures),
    ...(request.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([k, v]) => [k, fillText(v, captures)]),
          ),
        }
      : {}),
    ...(request.body !== undefined
      ? {
          body:
            typeof request.body === 'string'
              ? fillText(request.body, captures)
              : fillJson(request.body, captures),
        }
      : {}),
  }
}

function fillExpect(expect: CheckExpect, captures: ReadonlyMap<string, StepCapture>): CheckExpect {
  // Text expectations (headers, cookies, text) take text; JSON ones keep the captured type.
  const { json, jsonIncludes, ...textual } = expect
  const filled = fillTextDeep(textual, captures)
  return {
    ...filled,
    ...(json !== undefined ? { json: fillJson(json, captures) } : {}),
    ...(jsonIncludes !== undefined ? { jsonIncludes: fillJson(jsonIncludes, captures) } : {}),
  }
}

function fillTextDeep<T>(value: T, captures: ReadonlyMap<string, StepCapture>): T {
  if (typeof value === 'string') return fillText(value, captures) as T
  if (Array.isArray(value)) return value.map((v: unknown) => fillTextDeep(v, captures)) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTextDeep(v, captures)])) as T
  return value
}

export async function readResponse(response: Response): Promise<ActualResponse> {
  const setCookies = setCookiesOf(response.headers)
  const headers: Record<string, string> = {}
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie' || name === 'x-sandbox-set-cookie') continue
    headers[name] = value
  }
  if (setCookies.length) headers['set-cookie'] = setCookies.join(', ')
  return { status: response.status, headers, setCookies, body: await response.text() }
}

/** Every way `actual` differs from `expect`, one readable line each; empty when it matches. */
export function compareResponse(expect: CheckExpect, actual: ActualResponse): string[] {
  const failures: string[] = []
  if (expect.status !== undefined) {
    const allowed = Array.isArray(expect.status) ? expect.status : [expect.status]
    if (!allowed.includes(actual.status))
      failures.push(
        `status: expected ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}, got ${actual.status}`,
      )
  }
  for (const [name, rule] of Object.entries(expect.headers ?? {})) {
    const problem = headerProblem(rule, actual.headers[name.toLowerCase()])
    if (problem) failures.push(`header ${name}: ${problem}`)
  }
  for (const [name, rule] of Object.entries(expect.cookies ?? {})) {
    const set = actual.setCookies
      .map((header) => parseSetCookie(header))
      .filter((c): c is SetCookie => c?.name === name)
      .at(-1)
    failures.push(...cookieProblems(rule, set).map((p) => `cookie ${name}: ${p}`))
  }
  if (expect.json !== undefined || expect.jsonIncludes !== undefined) {
    let parsed: JsonValue | undefined
    try {
      parsed = JSON.parse(actual.body) as JsonValue
    } catch {
      failures.push(`body: expected JSON, got ${preview(actual.body)}`)
    }
    if (parsed !== undefined) {
      if (expect.json !== undefined) failures.push(...matchJson(parsed, expect.json, 'exact'))
      if (expect.jsonIncludes !== undefined)
        failures.push(...matchJson(parsed, expect.jsonIncludes, 'includes'))
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
  if (expect.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(actual.body)) {
    failures.push(`body: expected it to match /${expect.bodyMatches}/, got ${preview(actual.body)}`)
  }
  return failures
}

function headerProblem(rule: HeaderExpectation, value: string | undefined): string | undefined {
  if (typeof rule === 'object' && 'absent' in rule)
    return value === undefined ? undefined : `expected no such header, got "${value}"`
  if (value === undefined) return 'expected it to be set, but it is missing'
  if (typeof rule === 'object' && 'present' in rule) return undefined
  return textProblem(rule, value)
}

/** Why `value` does not meet a TextExpectation, or undefined. */
export function textProblem(rule: TextExpectation, value: string): string | undefined {
  if (typeof rule === 'string') return value === rule ? undefined : `expected "${rule}", got "${value}"`
  if ('includes' in rule)
    return value.includes(rule.includes)
      ? undefined
      : `expected it to contain "${rule.includes}", got "${value}"`
  return new RegExp(rule.matches).test(value)
    ? undefined
    : `expected it to match /${rule.matches}/, got "${value}"`
}

function cookieProblems(rule: CookieExpectation, set: SetCookie | undefined): string[] {
  const live = set !== undefined && !isDeletion(set)
  const wantsAbsent = rule.absent === true || rule.present === false
  if (wantsAbsent)
    return live ? [`expected the response not to set it, got Set-Cookie: ${formatSetCookie(set)}`] : []
  if (!set) return ['expected the response to set it (Set-Cookie), but it did not']
  if (!live)
    return [`expected it to be set, but the response deletes it: Set-Cookie: ${formatSetCookie(set)}`]
  const problems: string[] = []
  const got = `Set-Cookie: ${formatSetCookie(set)}`
  if (rule.value !== undefined) {
    const problem = textProblem(rule.value, set.value)
    if (problem) problems.push(`value: ${problem}`)
  }
  if (rule.httpOnly !== undefined && rule.httpOnly !== set.httpOnly)
    problems.push(`expected ${rule.httpOnly ? 'HttpOnly' : 'no HttpOnly'}, got ${got}`)
  if (rule.secure !== undefined && rule.secure !== set.secure)
    problems.push(`expected ${rule.secure ? 'Secure' : 'no Secure'}, got ${got}`)
  if (rule.sameSite !== undefined && rule.sameSite.toLowerCase() !== set.sameSite?.toLowerCase())
    problems.push(`expected SameSite=${rule.sameSite}, got ${got}`)
  if (rule.path !== undefined && rule.path !== set.path)
    problems.push(`expected Path=${rule.path}, got ${got}`)
  if (rule.maxAge !== undefined && rule.maxAge !== set.maxAge)
    problems.push(`expected Max-Age=${rule.maxAge}, got ${got}`)
  return problems
}

/** A parsed Set-Cookie written back, attributes in a fixed order (for messages). */
export function formatSetCookie(cookie: SetCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`]
  if (cookie.path !== undefined) parts.push(`Path=${cookie.path}`)
  if (cookie.domain !== undefined) parts.push(`Domain=${cookie.domain}`)
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`)
  if (cookie.expires !== undefined) parts.push(`Expires=${cookie.expires}`)
  if (cookie.httpOnly) parts.push('HttpOnly')
  if (cookie.secure) parts.push('Secure')
  if (cookie.sameSite !== undefined) parts.push(`SameSite=${cookie.sameSite}`)
  if (cookie.partitioned) parts.push('Partitioned')
  return parts.join('; ')
}

function preview(body: string): string {
  if (body === '') return 'an empty body'
  return show(body)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
