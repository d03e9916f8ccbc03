/**
 * The request panel's logic, free of the DOM: the learner's draft (method, path, header lines,
 * body) becomes a `Request` for whichever runtime runs the app, a `curl` command for a real
 * terminal, and a history entry; responses become readable text (pretty JSON).
 */
import { setCookieHeader } from '../cookie-transport.ts'
import { methodAllowsBody } from '../../shared/http-rules.ts'
import { sandboxRequest } from '../sandbox-request.ts'

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export interface RequestDraft {
  method: string
  /** Path and query, e.g. "/hello?name=Ada". */
  path: string
  /** One "Name: value" per line; blank lines and lines starting with # are ignored. */
  headers: string
  body: string
}

/** The prefilled request of a sandbox.json, in whichever of the accepted shapes it comes. */
export interface ConfiguredRequest {
  method?: string
  path?: string
  headers?: Record<string, string> | Array<[string, string]> | string
  body?: unknown
}

export interface HistoryEntry {
  draft: RequestDraft
  status: number
  ms: number
  at: string
}

/** The origin curl commands use: where `npm run dev` serves a sandbox under Node. */
export const LOCAL_ORIGIN = 'http://localhost:3000'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** An HTTP token (RFC 9110): what header names and cookie names are made of. */
export function isToken(text: string): boolean {
  return TOKEN.test(text)
}

export function normalizePath(path: string): string {
  const trimmed = path.trim()
  if (trimmed === '') return '/'
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

export function parseHeaderLines(text: string): { headers: Array<[string, string]>; problems: string[] } {
  const headers: Array<[string, string]> = []
  const problems: string[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const colon = line.indexOf(':')
    const name = colon > 0 ? line.slice(0, colon).trim() : ''
    if (!TOKEN.test(name)) {
      problems.push(`Header line ${i + 1} ("${line}") is not "Name: value".`)
      return
    }
    headers.push([name, line.slice(colon + 1).trim()])
  })
  return { headers, problems }
}

export function looksLikeJson(body: string): boolean {
  return /^\s*[[{]/.test(body)
}

/** Why a body that looks like JSON is not JSON, or undefined. Sending it anyway is allowed: testing bad input is the point of some exercises. */
export function jsonProblem(body: string): string | undefined {
  if (!looksLikeJson(body)) return undefined
  try {
    JSON.parse(body)
    return undefined
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`
  }
}

function hasHeader(headers: Array<[string, string]>, name: string): boolean {
  return headers.some(([key]) => key.toLowerCase() === name.toLowerCase())
}

/** The headers actually sent: the learner's, plus Content-Type: application/json for a JSON-looking body without one. */
export function effectiveHeaders(draft: RequestDraft): Array<[string, string]> {
  const { headers } = parseHeaderLines(draft.headers)
  if (
    methodAllowsBody(draft.method) &&
    draft.body.trim() !== '' &&
    looksLikeJson(draft.body) &&
    !hasHeader(headers, 'content-type')
  ) {
    headers.push(['Content-Type', 'application/json'])
  }
  return headers
}

/**
 * The Request for a draft. `jarCookie` is the cookie jar's Cookie header for its path; a Cookie
 * line of the learner's own replaces it. Either travels so the app receives it even though
 * browsers drop Cookie from scripted requests (../cookie-transport.ts).
 */
export function toRequest(draft: RequestDraft, origin: string, jarCookie = ''): Request {
  const method = draft.method.toUpperCase()
  const body = methodAllowsBody(method) && draft.body !== '' ? draft.body : undefined
  const headers = new Headers(effectiveHeaders(draft))
  const own = headers.get('cookie')
  if (own !== null || jarCookie) setCookieHeader(headers, own ?? jarCookie)
  // sandboxRequest: the panel's User-Agent, Referer… reach the app (a browser Request drops them).
  return sandboxRequest(new URL(normalizePath(draft.path), origin), { method, headers, body })
}

/** True when the learner wrote a Cookie header line themselves (the jar then stays out of it). */
export function hasOwnCookie(draft: RequestDraft): boolean {
  return hasHeader(parseHeaderLines(draft.headers).headers, 'cookie')
}

/** POSIX shell single-quoting: safe for any text, including quotes and newlines. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\-./:=@%+,]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

export function toCurl(draft: RequestDraft, origin = LOCAL_ORIGIN): string {
  const method = draft.method.toUpperCase()
  const url = shellQuote(new URL(normalizePath(draft.path), origin).href)
  const first =
    method === 'HEAD' ? `curl -I ${url}` : method === 'GET' ? `curl -i ${url}` : `curl -i -X ${method} ${url}`
  const more = effectiveHeaders(draft).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`)
  if (methodAllowsBody(method) && draft.body !== '') more.push(`--data-raw ${shellQuote(draft.body)}`)
  return [first, ...more].join(' \\\n  ')
}

/** The body as the learner should read it: pretty JSON when it is JSON, as sent otherwise. */
export function formatBody(text: string, contentType: string | null): { text: string; json: boolean } {
  const declaredJson = /[/+]json\b/i.test(contentType ?? '')
  if (declaredJson || (!contentType && looksLikeJson(text))) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), json: true }
    } catch {
      // Declared JSON that is not: show it exactly as sent, which is the bug to see.
    }
  }
  return { text, json: false }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** Responses made by `new Response()` carry no status text; learners still want "404 Not Found". */
export function statusLine(status: number, statusText = ''): string {
  return `${status} ${statusText || REASONS[status] || ''}`.trim()
}

export function draftFromConfig(request: ConfiguredRequest | undefined): RequestDraft {
  let headers = ''
  if (typeof request?.headers === 'string') headers = request.headers
  else if (Array.isArray(request?.headers)) headers = request.headers.map(([k, v]) => `${k}: ${v}`).join('\n')
  else if (request?.headers)
    headers = Object.entries(request.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')
  let body = ''
  if (typeof request?.body === 'string') body = request.body
  else if (request?.body !== undefined && request.body !== null) body = JSON.stringify(request.body, null, 2)
  return {
    method: (request?.method ?? 'GET').toUpperCase(),
    path: normalizePath(request?.path ?? '/'),
    headers,
    body,
  }
}

/**
 * The request a sandbox.json prefills, as the panel sends it before any edit (its draft, then
 * toRequest). `npm run check:sandboxes` sends this one too, so the check and the learner's first
 * Send follow the same rules (a JSON-looking body gets Content-Type: application/json).
 */
export function prefilledRequest(request: ConfiguredRequest, origin = LOCAL_ORIGIN): Request {
  return toRequest(draftFromConfig(request), origin)
}

export function sameDraft(a: RequestDraft, b: RequestDraft): boolean {
  return (
    a.method === b.method && a.path === b.path && a.headers.trim() === b.headers.trim() && a.body === b.body
  )
}

/** Newest first, at most `max`, and one entry per distinct request (a repeat moves to the top). */
export function pushHistory(history: HistoryEntry[], entry: HistoryEntry, max = 10): HistoryEntry[] {
  return [entry, ...history.filter((old) => !sameDraft(old.draft, entry.draft))].slice(0, max)
}

export function summarize(draft: RequestDraft): string {
  return `${draft.method.toUpperCase()} ${normalizePath(draft.path)}`
}
