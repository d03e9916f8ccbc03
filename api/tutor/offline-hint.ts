/**
 * The hint without a model (offline demo mode, no OPENAI_API_KEY): built deterministically
 * from the check's authored hint and the difference between expected and actual — the
 * status, a missing header, a JSON field — as the checks panel reported it. It reads the
 * learner's files only to find the line of the route's handler; it never quotes their code,
 * so nothing a file says (instructions included) can change what it writes.
 */
import type { HintCheck, HintConsoleLine, HintRequest } from './hint-wire.ts'

type Difference =
  | { kind: 'status'; expected: string; actual: string }
  | { kind: 'header-missing'; name: string }
  | { kind: 'header'; name: string; problem: string }
  | { kind: 'field-missing'; field: string }
  | { kind: 'field-extra'; field: string }
  | { kind: 'field'; field: string; problem: string }
  | { kind: 'not-json' }
  | { kind: 'cookie'; name: string; problem: string }
  | { kind: 'other'; line: string }

/** Reads the checks panel's mismatch lines (src/sandbox/checks.ts, json-match.ts) back into facts. */
export function differences(problems: readonly string[]): Difference[] {
  return problems.map((line): Difference => {
    let m = /^status: expected (.+), got (\d{3})$/.exec(line)
    if (m) return { kind: 'status', expected: m[1]!, actual: m[2]! }
    m = /^header ([^:]+): expected it to be set, but it is missing$/.exec(line)
    if (m) return { kind: 'header-missing', name: m[1]! }
    m = /^header ([^:]+): (.+)$/.exec(line)
    if (m) return { kind: 'header', name: m[1]!, problem: m[2]! }
    m = /^cookie ([^:]+): (.+)$/.exec(line)
    if (m) return { kind: 'cookie', name: m[1]!, problem: m[2]! }
    if (/^body: expected JSON/.test(line)) return { kind: 'not-json' }
    m = /^body([.[][^:]*): missing$/.exec(line)
    if (m) return { kind: 'field-missing', field: fieldName(m[1]!) }
    m = /^body([.[][^:]*): not expected/.exec(line)
    if (m) return { kind: 'field-extra', field: fieldName(m[1]!) }
    m = /^body([.[][^:]*): (.+)$/.exec(line)
    if (m) return { kind: 'field', field: fieldName(m[1]!), problem: m[2]! }
    return { kind: 'other', line }
  })
}

const fieldName = (path: string) => path.replace(/^\./, '')

function describe(d: Difference): string {
  switch (d.kind) {
    case 'status':
      return `the status must be ${d.expected}, but your app answered ${d.actual}`
    case 'header-missing':
      return `the response has no ${d.name} header`
    case 'header':
      return `the ${d.name} header is wrong (${d.problem})`
    case 'field-missing':
      return `the JSON body has no "${d.field}" field`
    case 'field-extra':
      return `the JSON body has a "${d.field}" field the check does not expect`
    case 'field':
      return `the JSON field "${d.field}" is wrong (${d.problem})`
    case 'not-json':
      return 'the body is not JSON'
    case 'cookie':
      return `the ${d.name} cookie is wrong (${d.problem})`
    case 'other':
      return d.line
  }
}

/** The status problem first: it is what the learner fixes first, and what decides the rest. */
function ranked(list: Difference[]): Difference[] {
  const order: Difference['kind'][] = [
    'status',
    'not-json',
    'header-missing',
    'field-missing',
    'field',
    'header',
    'cookie',
    'field-extra',
    'other',
  ]
  return [...list].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
}

function sentRequest(check: HintCheck): string {
  const body = check.request.body
  const shown = body === undefined ? '' : body.length > 60 ? ' with a body' : ` with the body ${body}`
  return `${check.request.method.toUpperCase()} ${check.request.path}${shown}`
}

/** Where the route's handler starts in the learner's files, e.g. `app.post('/hello'` → src/app.ts line 8. */
export function handlerLine(
  files: Record<string, string>,
  method: string,
  path: string,
): { file: string; line: number } | undefined {
  const route = path.split('?')[0]!
  const verb = method.toLowerCase()
  // A literal route, or one whose :params cover this path's segments (/tasks/:id for /tasks/3).
  const matches = (written: string) => {
    if (written === route) return true
    const a = written.split('/')
    const b = route.split('/')
    return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i])
  }
  const call = new RegExp(`\\.(${verb}|all|on)\\(\\s*(['"\`])([^'"\`]*)\\2`)
  for (const [file, text] of Object.entries(files)) {
    const lines = text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const m = call.exec(lines[i]!)
      if (m && matches(m[3]!)) return { file, line: i + 1 }
    }
  }
  return undefined
}

function errorLine(request: HintRequest): HintConsoleLine | undefined {
  return request.consoleError ?? request.console.find((line) => line.level === 'error')
}

const at = (line: HintConsoleLine) => (line.file ? ` at ${line.file}${line.line ? `:${line.line}` : ''}` : '')
const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

function checkHint(request: HintRequest, check: HintCheck): string {
  const found = ranked(differences(check.problems))
  const error = errorLine(request)
  const step = check.step ? ` (step ${check.step.index} of ${check.step.count})` : ''
  const sent = `The check "${check.name}" sent ${sentRequest(check)}${step}`
  if (request.attempt === 1) {
    const what = check.actual
      ? found[0]
        ? `: ${describe(found[0])}.`
        : ', and the answer did not match.'
      : ', but your app did not answer it.'
    const crash = !check.actual && error ? ` The console shows "${shorten(error.message)}"${at(error)}.` : ''
    return `${sent}${what}${crash} ${check.hint}`
  }
  const place = handlerLine(request.files, check.request.method, check.request.path)
  const where = place
    ? `Look at the handler that starts at ${place.file} line ${place.line}`
    : `Look at the route for ${check.request.method.toUpperCase()} ${check.request.path.split('?')[0]}`
  const all = found.map(describe)
  const list = all.length ? `: ${all.slice(0, 3).join('; ')}${all.length > 3 ? '; and more' : ''}.` : '.'
  const crash =
    error && (!check.actual || check.actual.status >= 500)
      ? ` Your app threw "${shorten(error.message)}"${at(error)}: a request like this one must get an answer from your code, not an exception.`
      : found[0]?.kind === 'status'
        ? ` For this request your code reaches a return that answers ${found[0].actual}: decide earlier, before that line, that this request gets ${found[0].expected}.`
        : ''
  return `${where}${list}${crash}`
}

function consoleHint(request: HintRequest, error: HintConsoleLine): string {
  if (request.attempt === 1)
    return `Your app logged an error: "${shorten(error.message)}"${at(error)}. Read the message: it names what was undefined or unexpected at that point.`
  const where =
    error.file && error.line ? `Go to ${error.file} line ${error.line}` : 'Find the line the error names'
  return `${where} and ask which value there is not what the code assumes (undefined, not JSON, not a string). Guard that case and answer it with a clear status instead of letting it throw.`
}

export function offlineHint(request: HintRequest): string {
  if (request.check) return checkHint(request, request.check)
  return consoleHint(request, request.consoleError!)
}
