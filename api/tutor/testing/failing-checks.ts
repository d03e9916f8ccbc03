/**
 * Real failing checks for the tutor's tests: a course exercise's checks run (with the same
 * runner as the browser) against its starter app under Node, and hint requests built from the
 * results by the browser's own builder (src/sandbox/tutor/hint-context.ts).
 */
import type { Hono } from 'hono'
import { loadSandbox, type Sandbox } from '../../../src/course/sandbox-loader.ts'
import { runChecks, type CheckResult } from '../../../src/sandbox/checks.ts'
import type { LogEntry, SandboxFiles } from '../../../src/sandbox/runtime.ts'
import { hintForCheck, learnerFiles, type HintSource } from '../../../src/sandbox/tutor/hint-context.ts'
import type { HintAttempt, HintRequest } from '../hint-wire.ts'

export interface Exercise {
  sandbox: Sandbox
  results: CheckResult[]
  /** The learner's files: the starter's editable ones. */
  files: SandboxFiles
  source(console?: LogEntry[], files?: SandboxFiles): HintSource
  request(
    checkName: string | number,
    attempt?: HintAttempt,
    previous?: string[],
    files?: SandboxFiles,
  ): HintRequest
}

/** The exercise's starter, with its checks run; `files` overrides the learner's files (and the app). */
export async function failingExercise(name: string, files?: SandboxFiles): Promise<Exercise> {
  const sandbox = await loadSandbox(name)
  const editable = Object.fromEntries(sandbox.config.files.map((path) => [path, sandbox.files[path] ?? '']))
  const learner = { ...editable, ...files }
  // The starter's own module; a test that edits the files runs the checks against the starter
  // anyway (what the learner's app answered is the starter's).
  const module = (await import(`../../../sandboxes/${name}/src/app.ts`)) as { default: Hono }
  const results = await runChecks(sandbox.checks ?? [], (request) => module.default.request(request))
  const source = (console: LogEntry[] = [], over: SandboxFiles = learner): HintSource => ({
    sandbox: name,
    lesson: {
      title: sandbox.config.title,
      objectives: ['Validate a JSON request body and answer 400 for bad input'],
    },
    files: learnerFiles(over, sandbox.solution),
    console,
  })
  return {
    sandbox,
    results,
    files: learner,
    source,
    request(checkName, attempt = 1, previous = [], over) {
      const result =
        typeof checkName === 'number' ? results[checkName] : results.find((r) => r.name === checkName)
      if (!result || result.passed)
        throw new Error(`${name}: check ${String(checkName)} does not fail on the starter`)
      return hintForCheck(source([], over ?? learner), result, attempt, previous)
    },
  }
}

/** Lines of the solution that the starter does not have: none may reach a hint or a prompt. */
export function solutionOnlyLines(sandbox: Sandbox): string[] {
  const starter = Object.values(sandbox.files).join('\n')
  return Object.values(sandbox.solution ?? {})
    .flatMap((text) => text.split('\n').map((l) => l.trim()))
    .filter((line) => line.length > 12 && !starter.includes(line) && !line.startsWith('//'))
}
