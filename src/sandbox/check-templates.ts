/**
 * `{{…}}` templates in multi-step checks: a later step uses what an earlier one received.
 *
 *   {{create.status}}              the status code of step "create"
 *   {{create.json.id}}             a value of its JSON body: `.key`, `[0]`, `["odd key"]`
 *   {{create.json}}                the whole JSON body
 *   {{create.header.location}}     one of its response headers (any case)
 *   {{login.cookie.session}}       the value of a cookie its response set (Set-Cookie)
 *
 * In text (a path, a header, a string body, a text expectation) a template becomes the value's
 * text. In JSON (a body or a json expectation), a string that is nothing but one template
 * becomes the value itself with its JSON type (`{ "id": "{{create.json.id}}" }` sends a number
 * when the id is a number); templates inside longer strings become text.
 */
import { parseSetCookie } from './cookie-jar.ts'
import type { JsonValue } from './json-match.ts'
import { isToken } from './ui/request-model.ts'

/** What a step received, as templates read it. */
export interface StepCapture {
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  body: string
  setCookies: string[]
}

export type TemplateSource =
  | { step: string; kind: 'status' }
  | { step: string; kind: 'json'; path: (string | number)[] }
  | { step: string; kind: 'header'; name: string }
  | { step: string; kind: 'cookie'; name: string }

/** A template that cannot be filled at run time: the message says which value was missing and why. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

const TEMPLATE = /\{\{([^{}]*)\}\}/g
const WHOLE = /^\{\{([^{}]*)\}\}$/
export const STEP_ID = /^[A-Za-z][\w-]*$/

/** The text inside every `{{…}}` of a string. */
export function templatesIn(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1]!.trim())
}

/** Parses what is between the braces; a string says what is wrong with it. */
export function parseTemplate(inner: string): TemplateSource | string {
  const text = inner.trim()
  const dot = text.indexOf('.')
  const step = dot < 0 ? text : text.slice(0, dot)
  if (!STEP_ID.test(step)) return `"{{${text}}}" must start with a step id, e.g. {{login.cookie.session}}`
  const rest = dot < 0 ? '' : text.slice(dot + 1)
  if (rest === 'status') return { step, kind: 'status' }
  if (rest === 'json' || rest.startsWith('json.') || rest.startsWith('json[')) {
    const path = parseJsonPath(rest.slice(4))
    return typeof path === 'string' ? `"{{${text}}}": ${path}` : { step, kind: 'json', path }
  }
  const named = /^(header|cookie)\.(.+)$/.exec(rest)
  if (named) {
    const name = named[2]!
    if (named[1] === 'header')
      return isToken(name)
        ? { step, kind: 'header', name: name.toLowerCase() }
        : `"{{${text}}}": "${name}" is not a header name`
    return /^[^\s;,=]+$/.test(name)
      ? { step, kind: 'cookie', name }
      : `"{{${text}}}": "${name}" is not a cookie name`
  }
  return `"{{${text}}}" must read a step's status, json, header.<name> or cookie.<name>, e.g. {{${step}.json.id}}`
}

function parseJsonPath(text: string): (string | number)[] | string {
  const path: (string | number)[] = []
  let rest = text
  while (rest) {
    const m = /^\.([A-Za-z_$][\w$-]*)|^\[(\d+)\]|^\[("(?:[^"\\]|\\.)*")\]/.exec(rest)
    if (!m) return `cannot read the JSON path at "${rest}" (use .key, [0] or ["key"])`
    path.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)))
    rest = rest.slice(m[0].length)
  }
  return path
}

/** The value a template reads from the captures; throws a TemplateError when it is not there. */
export function resolveTemplate(inner: string, captures: ReadonlyMap<string, StepCapture>): JsonValue {
  const source = parseTemplate(inner)
  if (typeof source === 'string') throw new TemplateError(source)
  const shown = `{{${inner.trim()}}}`
  const capture = captures.get(source.step)
  if (!capture) throw new TemplateError(`${shown}: no earlier step has the id "${source.step}"`)
  switch (source.kind) {
    case 'status':
      return capture.status
    case 'header': {
      const value = capture.headers[source.name]
      if (value === undefined)
        throw new TemplateError(`${shown}: step "${source.step}" got no ${source.name} header`)
      return value
    }
    case 'cookie': {
      const cookie = capture.setCookies
        .map(parseSetCookie)
        .filter((c) => c?.name === source.name)
        .at(-1)
      if (!cookie) throw new TemplateError(`${shown}: step "${source.step}" set no cookie "${source.name}"`)
      return cookie.value
    }
    case 'json': {
      let value: JsonValue
      try {
        value = JSON.parse(capture.body) as JsonValue
      } catch {
        throw new TemplateError(`${shown}: the body step "${source.step}" got is not JSON`)
      }
      for (const [index, key] of source.path.entries()) {
        const next =
          typeof key === 'number'
            ? Array.isArray(value)
              ? value[key]
              : undefined
            : value !== null && typeof value === 'object' && !Array.isArray(value)
              ? value[key]
              : undefined
        if (next === undefined)
          throw new TemplateError(
            `${shown}: the JSON body of step "${source.step}" has nothing at ${formatPath(source.path.slice(0, index + 1))}`,
          )
        value = next
      }
      return value
    }
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return (
    'json' +
    path
      .map((k) =>
        typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`,
      )
      .join('')
  )
}

/** Fills every template of a text with the text of its value. */
export function fillText(text: string, captures: ReadonlyMap<string, StepCapture>): string {
  return text.replace(TEMPLATE, (_, inner: string) => {
    const value = resolveTemplate(inner, captures)
    return typeof value === 'string' ? value : JSON.stringify(value)
  })
}

/** Fills the templates of every string in a JSON value; a string that is one whole template takes the value's type. */
export function fillJson<T>(value: T, captures: ReadonlyMap<string, StepCapture>): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value)
    return (whole ? resolveTemplate(whole[1]!, captures) : fillText(value, captures)) as T
  }
  if (Array.isArray(value)) return value.map((v: unknown) => fillJson(v, captures)) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, captures)])) as T
  return value
}

/** Every template string inside a value (strings at any depth), for build-time validation. */
export function templatesInValue(value: unknown): string[] {
  if (typeof value === 'string') return templatesIn(value)
  if (Array.isArray(value)) return value.flatMap(templatesInValue)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(templatesInValue)
  return []
}
