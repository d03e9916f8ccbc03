/**
 * Turns zod validation failures into the 400s OpenAI itself sends: one message naming the
 * parameter (`messages[0].content`), a `param` and a `code`, so the SDK raises a
 * BadRequestError whose message tells the learner exactly what to fix.
 */
import { zValidator } from '@hono/zod-validator'
import type { z } from 'zod'
import type { core } from 'zod'
import { ProxyError } from './proxy-error.ts'

// Every message zod would write itself becomes this marker; messages the schemas set on
// purpose (with `error:`) take precedence over it, so the hook can tell the two apart.
const GENERATED = '\u0000generated'

type Issue = core.$ZodIssue

export interface InvalidParam {
  message: string
  param: string | null
  code: string
}

function formatPath(path: readonly PropertyKey[]): string | null {
  let text = ''
  for (const part of path)
    text += typeof part === 'number' ? `[${part}]` : text === '' ? String(part) : `.${String(part)}`
  return text === '' ? null : text
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'a number too large to represent'
    return Number.isInteger(value) ? 'an integer' : 'a decimal number'
  }
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  record: 'an object',
}

/** The most specific issue: inside a union, the branch whose type matched the input. */
function innermost(issue: Issue, path: PropertyKey[]): { issue: Issue; path: PropertyKey[] } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path }
  const matching = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  )
  const [only] = matching
  const first = only?.[0]
  if (matching.length !== 1 || !first) return { issue, path }
  return innermost(first, [...path, ...first.path])
}

export function describeIssue(top: Issue): InvalidParam {
  const { issue, path } = innermost(top, [...top.path])
  const param = formatPath(path)
  const name = param ?? 'body'
  const custom = issue.message !== GENERATED ? issue.message : undefined
  const input = (issue as { input?: unknown }).input

  if (issue.code === 'unrecognized_keys') {
    // Keys come from the request: cut absurd ones so the answer stays small.
    const key = shorten(issue.keys[0] ?? '', 64)
    return {
      message: `Unrecognized request argument supplied: ${key}${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}. The course AI proxy rejects fields it does not know.`,
      param: formatPath([...path, key]),
      code: 'unknown_parameter',
    }
  }
  if (custom?.startsWith('expected')) {
    if (input === undefined)
      return { message: `Missing required parameter: '${name}'.`, param, code: 'missing_required_parameter' }
    return {
      message: `Invalid type for '${name}': ${custom}, but got ${describeValue(input)} instead.`,
      param,
      code: 'invalid_type',
    }
  }
  if (custom)
    return {
      message: custom.replaceAll('{param}', name),
      param,
      code: issue.code === 'custom' ? 'invalid_value' : codeFor(issue),
    }

  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined)
        return {
          message: `Missing required parameter: '${name}'.`,
          param,
          code: 'missing_required_parameter',
        }
      return {
        message: `Invalid type for '${name}': expected ${EXPECTED[issue.expected] ?? issue.expected}, but got ${describeValue(input)} instead.`,
        param,
        code: 'invalid_type',
      }
    case 'invalid_value':
      return {
        message: `Invalid value for '${name}': ${quote(input)}. Supported values are: ${issue.values.map(quote).join(', ')}.`,
        param,
        code: 'invalid_value',
      }
    case 'invalid_union': {
      const { options, discriminator } = issue as { options?: unknown[]; discriminator?: string }
      if (options && discriminator) {
        // A discriminated union reports the whole object; the learner needs the field.
        const field =
          formatPath(path.at(-1) === discriminator ? path : [...path, discriminator]) ?? discriminator
        const value =
          input !== null && typeof input === 'object'
            ? (input as Record<string, unknown>)[discriminator]
            : undefined
        if (value === undefined)
          return {
            message: `Missing required parameter: '${field}'.`,
            param: field,
            code: 'missing_required_parameter',
          }
        return {
          message: `Invalid value for '${field}': ${quote(value)}. Supported values are: ${options.map(quote).join(', ')}.`,
          param: field,
          code: 'invalid_value',
        }
      }
      if (options) {
        return {
          message: `Invalid value for '${name}': ${quote(input)}. Supported values are: ${options.map(quote).join(', ')}.`,
          param,
          code: 'invalid_value',
        }
      }
      return { message: `Invalid value for '${name}'.`, param, code: 'invalid_value' }
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big'
      const bound = big ? issue.maximum : issue.minimum
      const what = issue.origin === 'array' ? 'array' : issue.origin === 'string' ? 'string' : 'number'
      const detail =
        what === 'array'
          ? `expected an array with ${big ? 'at most' : 'at least'} ${bound} items, but got ${Array.isArray(input) ? input.length : 'a different number'}`
          : what === 'string'
            ? `expected a string with ${big ? 'at most' : 'at least'} ${bound} characters, but got ${typeof input === 'string' ? input.length : 'a different number'}`
            : `expected a value ${big ? '<=' : '>='} ${bound}, but got ${quote(input)}`
      return { message: `Invalid '${name}': ${detail} instead.`, param, code: codeFor(issue) }
    }
    case 'invalid_format':
      return {
        message: `Invalid '${name}': ${quote(input)} is not in the expected format.`,
        param,
        code: 'invalid_value',
      }
    default:
      return { message: `Invalid value for '${name}'.`, param, code: 'invalid_value' }
  }
}

function codeFor(issue: Issue): string {
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const kind = issue.origin === 'array' ? 'array' : issue.origin === 'string' ? 'string' : 'integer'
    return `${kind}_${issue.code === 'too_big' ? 'above_max' : 'below_min'}_${kind === 'array' || kind === 'string' ? 'length' : 'value'}`
  }
  return issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value'
}

function parseWithInputs(schema: z.ZodType, value: unknown) {
  return schema.safeParseAsync(value, { reportInput: true, error: () => GENERATED })
}

/** Validates the (already parsed) JSON body; a failure is an OpenAI-shaped 400 naming the parameter. */
export function validateJson<T extends z.ZodType>(schema: T) {
  return zValidator(
    'json',
    schema,
    (result) => {
      if (result.success) return
      const [first] = result.error.issues as Issue[]
      const described = first
        ? describeIssue(first)
        : { message: 'Invalid request body.', param: null, code: 'invalid_value' }
      throw new ProxyError(400, described.message, { code: described.code, param: described.param })
    },
    // The option's declared type cannot be satisfied by a generic schema (it is a
    // conditional type over T); the function below is exactly what zValidator calls.
    { validationFunction: parseWithInputs } as never,
  )
}
