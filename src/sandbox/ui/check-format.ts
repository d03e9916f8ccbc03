/**
 * Check results as a learner reads them, Exercism-style: the request that was sent, what was
 * expected, what the app answered (only the parts the check looks at), and the hint.
 */
import type {
  ActualResponse,
  CheckExpect,
  CheckRequest,
  CookieExpectation,
  HeaderExpectation,
  TextExpectation,
} from '../checks.ts'
import { statusLine } from './request-model.ts'

export function describeRequest(request: CheckRequest): string {
  const lines = [`${request.method.toUpperCase()} ${request.path}`]
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`)
  if (request.body !== undefined) {
    if (
      typeof request.body !== 'string' &&
      !Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')
    ) {
      lines.push('Content-Type: application/json')
    }
    lines.push('', typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2))
  }
  return lines.join('\n')
}

export function describeExpected(expect: CheckExpect): string {
  const lines: string[] = []
  if (expect.status !== undefined) {
    const allowed = Array.isArray(expect.status) ? expect.status : [expect.status]
    lines.push(`Status ${allowed.map((s) => statusLine(s)).join(' or ')}`)
  }
  for (const [name, rule] of Object.entries(expect.headers ?? {})) lines.push(describeHeaderRule(name, rule))
  for (const [name, rule] of Object.entries(expect.cookies ?? {})) lines.push(describeCookieRule(name, rule))
  if (expect.json !== undefined) lines.push('', JSON.stringify(expect.json, null, 2))
  if (expect.jsonIncludes !== undefined)
    lines.push('', `JSON including ${JSON.stringify(expect.jsonIncludes, null, 2)}`)
  if (expect.text !== undefined) lines.push('', expect.text)
  if (expect.bodyIncludes !== undefined) lines.push('', `A body containing "${expect.bodyIncludes}"`)
  if (expect.bodyMatches !== undefined) lines.push('', `A body matching /${expect.bodyMatches}/`)
  return lines.join('\n')
}

function describeText(rule: TextExpectation): string {
  if (typeof rule === 'string') return `"${rule}"`
  return 'includes' in rule ? `containing "${rule.includes}"` : `matching /${rule.matches}/`
}

function describeHeaderRule(name: string, rule: HeaderExpectation): string {
  if (typeof rule === 'string') return `${name}: ${rule}`
  if ('present' in rule) return `${name}: (any value)`
  if ('absent' in rule) return `No ${name} header`
  return `${name} ${describeText(rule)}`
}

function describeCookieRule(name: string, rule: CookieExpectation): string {
  if (rule.absent === true || rule.present === false) return `No cookie ${name} set`
  const parts: string[] = []
  if (rule.value !== undefined) parts.push(`value ${describeText(rule.value)}`)
  if (rule.httpOnly !== undefined) parts.push(rule.httpOnly ? 'HttpOnly' : 'not HttpOnly')
  if (rule.secure !== undefined) parts.push(rule.secure ? 'Secure' : 'not Secure')
  if (rule.sameSite !== undefined) parts.push(`SameSite=${rule.sameSite}`)
  if (rule.path !== undefined) parts.push(`Path=${rule.path}`)
  if (rule.maxAge !== undefined) parts.push(`Max-Age=${rule.maxAge}`)
  return `Sets cookie ${name}${parts.length ? ` (${parts.join(', ')})` : ''}`
}

/** The answer, limited to what the check looks at (status, the expected headers and cookies, the body). */
export function describeActual(actual: ActualResponse, expect: CheckExpect): string {
  const lines = [`Status ${statusLine(actual.status)}`]
  for (const name of Object.keys(expect.headers ?? {})) {
    if (name.toLowerCase() === 'set-cookie') continue
    const value = actual.headers[name.toLowerCase()]
    lines.push(`${name}: ${value ?? '(missing)'}`)
  }
  const cookiesMatter =
    expect.cookies !== undefined ||
    Object.keys(expect.headers ?? {}).some((name) => name.toLowerCase() === 'set-cookie')
  if (cookiesMatter) {
    if (actual.setCookies.length === 0) lines.push('Set-Cookie: (none)')
    for (const cookie of actual.setCookies) lines.push(`Set-Cookie: ${cookie}`)
  }
  const checksBody = ['json', 'jsonIncludes', 'text', 'bodyIncludes', 'bodyMatches'].some(
    (key) => expect[key as keyof CheckExpect] !== undefined,
  )
  if (checksBody || expect.status !== undefined) {
    let body = actual.body
    try {
      if (/^\s*[[{]/.test(body)) body = JSON.stringify(JSON.parse(body), null, 2)
    } catch {
      // Not JSON: show it as sent.
    }
    lines.push('', body === '' ? '(empty body)' : body.length > 2000 ? `${body.slice(0, 2000)}…` : body)
  }
  return lines.join('\n')
}

export function summarizeResults(results: readonly { passed: boolean }[]): string {
  const passed = results.filter((r) => r.passed).length
  if (passed === results.length)
    return `All ${results.length} ${results.length === 1 ? 'check passes' : 'checks pass'}`
  return `${passed} of ${results.length} ${results.length === 1 ? 'check passes' : 'checks pass'}`
}
