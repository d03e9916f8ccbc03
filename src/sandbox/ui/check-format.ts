/**
 * Check results as a learner reads them, Exercism-style: the request that was sent, what was
 * expected, what the app answered (only the parts the check looks at), and the hint.
 */
import type { ActualResponse, CheckExpect, CheckRequest } from '../checks.ts'
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
  if (expect.status !== undefined) lines.push(`Status ${statusLine(expect.status)}`)
  for (const [name, rule] of Object.entries(expect.headers ?? {})) {
    lines.push(typeof rule === 'string' ? `${name}: ${rule}` : `${name} containing "${rule.includes}"`)
  }
  if (expect.json !== undefined) lines.push('', JSON.stringify(expect.json, null, 2))
  if (expect.jsonIncludes !== undefined)
    lines.push('', `JSON including ${JSON.stringify(expect.jsonIncludes, null, 2)}`)
  if (expect.text !== undefined) lines.push('', expect.text)
  if (expect.bodyIncludes !== undefined) lines.push('', `A body containing "${expect.bodyIncludes}"`)
  return lines.join('\n')
}

/** The answer, limited to what the check looks at (status, the expected headers, the body). */
export function describeActual(actual: ActualResponse, expect: CheckExpect): string {
  const lines = [`Status ${statusLine(actual.status)}`]
  for (const name of Object.keys(expect.headers ?? {})) {
    const value = actual.headers[name.toLowerCase()]
    lines.push(`${name}: ${value ?? '(missing)'}`)
  }
  const checksBody = ['json', 'jsonIncludes', 'text', 'bodyIncludes'].some(
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
