/**
 * Build-time validation of a sandbox's `checks.ts` (called by the sandbox loader, so the
 * build, `npm run check:content` and `npm run check:sandboxes` all refuse a malformed check).
 * Beyond the shape (zod), it catches what would only fail in a learner's browser: a template
 * naming a step that does not exist or comes later, a regular expression that does not
 * compile, an unknown `$matcher`, a cookie expected both present and absent, two steps with
 * one id. Each problem names the check: `check 2 ("logs in") step 1: …`.
 */
import { z } from 'zod'
import { parseTemplate, STEP_ID, templatesIn, templatesInValue } from './check-templates.ts'
import type { Check, CheckExpect, CheckStep } from './checks.ts'
import { isMatcher, JSON_TYPES, MATCHER_KEYS } from './json-match.ts'
import { METHODS } from './ui/request-model.ts'

const status = z.number().int().min(100).max(599)
const text = z.union([
  z.string(),
  z.strictObject({ includes: z.string() }),
  z.strictObject({ matches: z.string() }),
])

/** An HTTP method of the request panel's list; also used by sandbox.json's prefilled request. */
export const methodSchema = z.enum(METHODS, {
  error: (issue) => `must be one of ${METHODS.join(', ')}, got ${JSON.stringify(issue.input)}`,
})

const requestSchema = z.strictObject({
  method: methodSchema,
  // Or with a template: a redirect's Location ("{{login.header.location}}") is already a path.
  path: z.string().regex(/^(\/|\{\{)/, 'must start with "/", e.g. "/hello" or "/tasks/{{create.json.id}}"'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.json().optional(),
})

const cookieSchema = z.strictObject({
  present: z.boolean().optional(),
  absent: z.boolean().optional(),
  value: text.optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.enum(['Strict', 'Lax', 'None']).optional(),
  path: z.string().startsWith('/').optional(),
  maxAge: z.number().int().optional(),
})

const expectSchema = z
  .strictObject({
    status: z.union([status, z.array(status).min(1)]).optional(),
    headers: z
      .record(
        z.string(),
        z.union([
          text,
          z.strictObject({ present: z.literal(true) }),
          z.strictObject({ absent: z.literal(true) }),
        ]),
      )
      .optional(),
    cookies: z.record(z.string(), cookieSchema).optional(),
    json: z.json().optional(),
    jsonIncludes: z.json().optional(),
    text: z.string().optional(),
    bodyIncludes: z.string().optional(),
    bodyMatches: z.string().optional(),
  })
  .refine(
    (e) => Object.values(e).some((v) => v !== undefined),
    'must expect something (status, headers, cookies or body)',
  )

const stepSchema = z.strictObject({
  id: z.string().regex(STEP_ID, 'must be a word such as "login" or "create-task"').optional(),
  request: requestSchema,
  expect: expectSchema,
})

const checkSchema = z.union([
  z.strictObject({
    name: z.string().trim().min(3),
    hint: z.string().trim().min(3),
    request: requestSchema,
    expect: expectSchema,
  }),
  z.strictObject({
    name: z.string().trim().min(3),
    hint: z.string().trim().min(3),
    steps: z.array(stepSchema).min(1, 'must list at least one step'),
  }),
])

/** The checks, or every problem found (one line each). */
export function validateChecks(data: unknown): { checks: Check[]; problems: [] } | { problems: string[] } {
  if (!Array.isArray(data))
    return { problems: ['the default export must be defineChecks([...]), a list of checks'] }
  const problems: string[] = []
  data.forEach((raw: unknown, i) => {
    const name = (raw as { name?: unknown } | null)?.name
    const label = `check ${i + 1}${typeof name === 'string' ? ` (${JSON.stringify(name)})` : ''}`
    const result = checkSchema.safeParse(raw)
    if (!result.success) {
      problems.push(...shapeProblems(raw, result.error).map((p) => `${label}: ${p}`))
      return
    }
    problems.push(...meaningProblems(result.data as Check).map((p) => `${label}${p}`))
  })
  return problems.length ? { problems } : { checks: data as Check[], problems: [] }
}

/** zod's issues for a check that fits neither form, read against the form it was meant to be. */
function shapeProblems(raw: unknown, error: z.ZodError): string[] {
  const meant = raw && typeof raw === 'object' && 'steps' in raw ? 1 : 0
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'invalid_union' && issue.path.length === 0 ? (issue.errors[meant] ?? []) : [issue],
  )
  if (issues.length === 0) return ['must be { name, hint, request, expect } or { name, hint, steps: [...] }']
  return issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
}

function meaningProblems(check: Check): string[] {
  const problems: string[] = []
  const steps: CheckStep[] =
    'steps' in check ? check.steps : [{ request: check.request, expect: check.expect }]
  const many = 'steps' in check
  const seen = new Set<string>()
  steps.forEach((step, i) => {
    const where = many ? ` step ${i + 1}${step.id ? ` (${step.id})` : ''}` : ''
    const add = (field: string, problem: string) => problems.push(`${where}: ${field}: ${problem}`)
    for (const [field, value] of templateFields(step)) {
      for (const inner of field === 'request.body' || field.startsWith('expect.json')
        ? templatesInValue(value)
        : templatesIn(String(value))) {
        const source = parseTemplate(inner)
        if (typeof source === 'string') add(field, source)
        else if (!seen.has(source.step))
          add(
            field,
            steps.slice(i).some((s) => s.id === source.step)
              ? `{{${inner.trim()}}} reads step "${source.step}", which runs later: a step can only read earlier steps`
              : `{{${inner.trim()}}} names no earlier step: ${
                  seen.size
                    ? `the ids before it are ${[...seen].map((s) => `"${s}"`).join(', ')}`
                    : 'give an earlier step an id'
                }`,
          )
      }
    }
    for (const [field, source] of regexFields(step.expect)) {
      try {
        new RegExp(source)
      } catch (err) {
        add(field, `not a valid regular expression: ${(err as Error).message}`)
      }
    }
    for (const [field, pattern] of [
      ['expect.json', step.expect.json],
      ['expect.jsonIncludes', step.expect.jsonIncludes],
    ] as const)
      if (pattern !== undefined) for (const problem of matcherProblems(pattern, field)) add(...problem)
    for (const [name, rule] of Object.entries(step.expect.cookies ?? {})) {
      const absent = rule.absent === true || rule.present === false
      const attributes = Object.keys(rule).filter((k) => k !== 'present' && k !== 'absent')
      if (rule.absent === true && rule.present === true)
        add(`expect.cookies.${name}`, 'cannot be both present and absent')
      else if (absent && attributes.length)
        add(
          `expect.cookies.${name}`,
          `expects ${attributes.join(', ')} of a cookie it also expects to be absent`,
        )
    }
    if (step.id !== undefined) {
      if (seen.has(step.id)) add('id', `"${step.id}" is already the id of an earlier step`)
      seen.add(step.id)
    }
  })
  return problems
}

/** Fields whose strings may hold templates, with their values. */
function templateFields(step: CheckStep): [string, unknown][] {
  const { json, jsonIncludes, ...textual } = step.expect
  return [
    ['request.path', step.request.path],
    ...Object.entries(step.request.headers ?? {}).map(([k, v]): [string, unknown] => [
      `request.headers.${k}`,
      v,
    ]),
    ['request.body', step.request.body ?? ''],
    ['expect.json', json ?? ''],
    ['expect.jsonIncludes', jsonIncludes ?? ''],
    ...stringsIn(textual, 'expect'),
  ]
}

function stringsIn(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`))
  return []
}

function regexFields(expect: CheckExpect): [string, string][] {
  const fields: [string, string][] = []
  for (const [name, rule] of Object.entries(expect.headers ?? {}))
    if (typeof rule === 'object' && 'matches' in rule)
      fields.push([`expect.headers.${name}.matches`, rule.matches])
  for (const [name, rule] of Object.entries(expect.cookies ?? {}))
    if (typeof rule.value === 'object' && 'matches' in rule.value)
      fields.push([`expect.cookies.${name}.value.matches`, rule.value.matches])
  if (expect.bodyMatches !== undefined) fields.push(['expect.bodyMatches', expect.bodyMatches])
  return fields
}

/** Problems with the `$matchers` of a JSON pattern, as [field, problem]. */
function matcherProblems(pattern: unknown, path: string): [string, string][] {
  if (Array.isArray(pattern)) return pattern.flatMap((v, i) => matcherProblems(v, `${path}[${i}]`))
  if (pattern === null || typeof pattern !== 'object') return []
  const keys = Object.keys(pattern)
  const dollar = keys.filter((k) => k.startsWith('$'))
  if (dollar.length === 0)
    return Object.entries(pattern).flatMap(([k, v]) => matcherProblems(v, `${path}.${k}`))
  if (dollar.length !== keys.length)
    return [
      [
        path,
        `mixes matchers (${dollar.join(', ')}) with keys (${keys.filter((k) => !k.startsWith('$')).join(', ')}): put the matcher on one key, e.g. { "tasks": { "$length": 2 } }`,
      ],
    ]
  if (!isMatcher(pattern)) return []
  const problems: [string, string][] = []
  const m = pattern as Record<string, unknown>
  for (const key of keys)
    if (!(MATCHER_KEYS as readonly string[]).includes(key))
      problems.push([path, `unknown matcher ${key}: use ${MATCHER_KEYS.join(', ')}`])
  if ('$length' in m && !(Number.isInteger(m.$length) && (m.$length as number) >= 0))
    problems.push([`${path}.$length`, 'must be a whole number ≥ 0'])
  if ('$type' in m && !JSON_TYPES.includes(m.$type as never))
    problems.push([`${path}.$type`, `must be one of ${JSON_TYPES.join(', ')}`])
  if ('$absent' in m && m.$absent !== true) problems.push([`${path}.$absent`, 'must be true'])
  if ('$present' in m && m.$present !== true) problems.push([`${path}.$present`, 'must be true'])
  if ('$absent' in m && keys.length > 1)
    problems.push([path, '$absent cannot be combined with other matchers'])
  if ('$matches' in m) {
    if (typeof m.$matches !== 'string')
      problems.push([`${path}.$matches`, 'must be a regular expression in a string'])
    else
      try {
        new RegExp(m.$matches)
      } catch (err) {
        problems.push([`${path}.$matches`, `not a valid regular expression: ${(err as Error).message}`])
      }
  }
  if ('$contains' in m) problems.push(...matcherProblems(m.$contains, `${path}.$contains`))
  return problems
}
