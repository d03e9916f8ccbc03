/**
 * What `npm run new:lesson` and `npm run new:sandbox` share: reading `--flag value` options,
 * asking for what is missing when run in a terminal, and failing with the flag to pass when not
 * (tests and scripts run them non-interactively).
 */
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'

export interface Question {
  flag: string
  /** What the prompt asks. */
  label: string
  /** Used when the author just presses Enter (and when not in a terminal). */
  fallback?: string
  check?: (value: string) => string | undefined
}

export class ScaffoldError extends Error {
  override name = 'ScaffoldError'
}

export function readFlags(
  argv: string[],
  flags: string[],
  booleans: string[] = [],
): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: Object.fromEntries([
        ...flags.map((f) => [f, { type: 'string' as const }]),
        ...booleans.map((f) => [f, { type: 'boolean' as const }]),
      ]),
      strict: true,
      allowPositionals: false,
    })
    return values as Record<string, string | boolean | undefined>
  } catch (err) {
    throw new ScaffoldError(
      `${(err as Error).message}. Options: ${[...flags, ...booleans].map((f) => `--${f}`).join(' ')}`,
    )
  }
}

/** The answer to each question: the flag's value, else a prompt in a terminal, else the fallback. */
export async function ask(
  questions: Question[],
  given: Record<string, string | boolean | undefined>,
  interactive = Boolean(process.stdin.isTTY),
): Promise<Record<string, string>> {
  const answers: Record<string, string> = {}
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined
  try {
    for (const q of questions) {
      let value = typeof given[q.flag] === 'string' ? (given[q.flag] as string).trim() : undefined
      while (value === undefined || value === '') {
        if (!rl) {
          if (q.fallback !== undefined) value = q.fallback
          else throw new ScaffoldError(`missing --${q.flag} (${q.label})`)
          break
        }
        const typed = (await rl.question(`${q.label}${q.fallback ? ` [${q.fallback}]` : ''}: `)).trim()
        value = typed || q.fallback
      }
      const problem = q.check?.(value)
      if (problem) throw new ScaffoldError(`--${q.flag} "${value}": ${problem}`)
      answers[q.flag] = value
    }
  } finally {
    rl?.close()
  }
  return answers
}

export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Runs a scaffold's main, printing a ScaffoldError as one line and exiting 1. */
export async function runScaffold(main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (err) {
    if (!(err instanceof ScaffoldError)) throw err
    console.error(`Error: ${err.message}`)
    process.exit(1)
  }
}
