/**
 * Validation of a hint request: every field typed, strict (unknown fields refused) and capped
 * at HINT_LIMITS, so the prompt built from it is bounded by construction. Refusals are the
 * proxy's OpenAI-shaped 400s naming the field (api/openai/validation.ts).
 */
import { z } from 'zod'
import { HINT_LIMITS as L, type HintRequest } from './hint-wire.ts'

const text = (max: number) => z.string().max(max)
const headers = z
  .record(text(L.name), text(L.headerValue))
  .refine((h) => Object.keys(h).length <= L.headers, `must have at most ${L.headers} headers`)

const consoleLine = z.strictObject({
  level: z.enum(['log', 'info', 'warn', 'error', 'debug']),
  message: text(L.consoleLine),
  file: text(L.filePath).optional(),
  line: z.number().int().min(1).max(1_000_000).optional(),
})

const check = z.strictObject({
  name: text(L.name).min(1),
  hint: text(L.checkText),
  problems: z.array(text(L.problem)).max(L.problems),
  step: z
    .strictObject({ index: z.number().int().min(1).max(100), count: z.number().int().min(1).max(100) })
    .optional(),
  request: z.strictObject({
    method: text(L.method).min(1),
    path: text(L.path).min(1),
    headers: headers.optional(),
    body: text(L.body).optional(),
  }),
  expected: text(L.expected),
  actual: z
    .strictObject({ status: z.number().int().min(100).max(599), headers, body: text(L.body) })
    .optional(),
})

export const hintRequestSchema = z
  .strictObject({
    sandbox: text(L.name).min(1),
    lesson: z.strictObject({
      title: text(L.name),
      objectives: z.array(text(L.objective)).max(L.objectives),
    }),
    check: check.optional(),
    consoleError: consoleLine.optional(),
    console: z.array(consoleLine).max(L.consoleLines),
    files: z
      .record(text(L.filePath), text(L.file))
      .refine((f) => Object.keys(f).length <= L.files, `must have at most ${L.files} files`)
      .refine(
        (f) => Object.values(f).reduce((sum, t) => sum + t.length, 0) <= L.filesTotal,
        `must hold at most ${L.filesTotal} characters in all`,
      ),
    attempt: z.union([z.literal(1), z.literal(2)], {
      error: 'must be 1 or 2: after a second hint the course offers the solution instead',
    }),
    previous: z.array(text(L.previous)).max(2),
  })
  .refine((r) => r.check !== undefined || r.consoleError !== undefined, {
    message: 'must name the failed check (check) or the console error (consoleError) the hint is about',
    path: ['check'],
  }) satisfies z.ZodType<HintRequest>
