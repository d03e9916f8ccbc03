/**
 * Reads the sandboxes under `sandboxes/` at build time (Astro pages, `npm run check:content`,
 * `npm run check:sandboxes`) and fails with a message naming the sandbox, the file and the
 * problem, so an author learns about a broken sandbox from the build, not from a blank box
 * in the browser. Node only. See docs/sandboxes.md for the format.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { methodSchema, validateChecks } from '../sandbox/check-schema.ts'
import type { Check } from '../sandbox/checks.ts'
import type { RuntimeKind, SandboxFiles } from '../sandbox/runtime.ts'
import { describeIssues, sandboxName } from './schema.ts'

export const SANDBOX_ROOT = 'sandboxes'

const RUNTIMES = ['worker', 'webcontainer'] as const satisfies readonly RuntimeKind[]

const filePath = z
  .string()
  .regex(
    /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\\]+$/,
    'must be a path inside the sandbox such as "src/app.ts"',
  )

const requestSchema = z.strictObject({
  method: methodSchema,
  path: z.string().startsWith('/', 'must start with "/", e.g. "/hello"'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
})

export const sandboxConfigSchema = z.strictObject({
  title: z.string().trim().min(3, 'must be at least 3 characters'),
  /** Files shown as editor tabs, in this order. */
  files: z.array(filePath).min(1, 'must list at least one file to show'),
  /** The tab opened first; one of `files`. */
  open: filePath,
  runtimes: z
    .array(
      z.enum(RUNTIMES, {
        error: (issue) => `unknown runtime ${JSON.stringify(issue.input)}: use "worker" or "webcontainer"`,
      }),
    )
    .min(1, 'must list at least one runtime ("worker" or "webcontainer")'),
  /** The request prefilled in the request panel. */
  request: requestSchema.optional(),
  /** Path the preview pane opens, for apps that serve pages, e.g. "/". */
  preview: z.string().startsWith('/', 'must start with "/", e.g. "/"').optional(),
  /**
   * Several apps, name → entry file (`{ "orders": "src/orders.ts" }`); each is a host name the
   * others fetch (`http://payments/charge`). The first is the one requests and checks go to.
   */
  services: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'service names are host names: lower case, e.g. "payments"'),
      filePath,
    )
    .refine((s) => Object.keys(s).length >= 2, 'must name at least two services (one app needs no services)')
    .optional(),
  /** Shows the Load panel, with these defaults (`true`: 200 requests, 10 at once). */
  load: z
    .union([
      z.literal(true),
      z.strictObject({
        requests: z.number().int().min(1).max(10_000).optional(),
        concurrency: z.number().int().min(1).max(100).optional(),
      }),
    ])
    .optional(),
})

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>

export interface Sandbox {
  name: string
  /** Absolute path of the sandbox folder. */
  dir: string
  config: SandboxConfig
  /**
   * Every starter file a runtime needs, by sandbox-relative path (public/** included);
   * without node_modules, solution/, checks.ts, sandbox.json and test files.
   */
  files: SandboxFiles
  /** Files that replace starter files to form the solution, if this is an exercise. */
  solution?: SandboxFiles
  checks?: Check[]
}

/** One problem with one sandbox; the message reads "sandboxes/x/sandbox.json: open: …". */
export class SandboxError extends Error {
  override name = 'SandboxError'
  readonly sandbox: string
  readonly file: string
  readonly problem: string
  constructor(sandbox: string, file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.sandbox = sandbox
    this.file = file
    this.problem = problem
  }
}

/** Every problem found while loading several sandboxes. */
export class SandboxLoadError extends Error {
  override name = 'SandboxLoadError'
  readonly problems: SandboxError[]
  constructor(problems: SandboxError[]) {
    super(`${problems.length} sandbox problem(s):\n${problems.map((p) => `  ${p.message}`).join('\n')}`)
    this.problems = problems
  }
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/

/** Loads one sandbox; throws a SandboxError naming the file and the problem. */
export async function loadSandbox(name: string, root = SANDBOX_ROOT): Promise<Sandbox> {
  const dir = resolve(root, name)
  const rel = (p: string) => relative(process.cwd(), join(dir, p)) || p
  const fail = (file: string, problem: string): never => {
    throw new SandboxError(name, rel(file), problem)
  }

  if (!sandboxName.safeParse(name).success)
    fail('', 'sandbox folders are named in kebab-case, e.g. "hello-hono"')
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail('', `no sandbox named "${name}" in ${root}/`)

  const config = readConfig(dir, fail)
  const files = readTree(
    dir,
    '',
    fail,
    (path) => path !== 'sandbox.json' && path !== 'checks.ts' && !TEST_FILE.test(path),
  )

  if (config.services) {
    if (!config.runtimes.every((r) => r === 'worker'))
      fail(
        'sandbox.json',
        'services: several services run only in the worker runtime ("runtimes": ["worker"])',
      )
    for (const [service, entry] of Object.entries(config.services)) {
      if (files[entry] === undefined)
        fail('sandbox.json', `services: ${service}: "${entry}" does not exist in the sandbox`)
    }
  } else if (!files['src/app.ts'])
    fail(
      'src/app.ts',
      'missing: every sandbox needs src/app.ts that builds a Hono app and `export default app`',
    )
  checkPackageJson(files['package.json'], fail)
  for (const file of config.files) {
    if (files[file] === undefined) fail('sandbox.json', `files: "${file}" does not exist in the sandbox`)
  }
  if (!config.files.includes(config.open)) {
    fail(
      'sandbox.json',
      `open: "${config.open}" must be one of files (${config.files.map((f) => `"${f}"`).join(', ')})`,
    )
  }

  let solution: SandboxFiles | undefined
  if (existsSync(join(dir, 'solution'))) {
    solution = readTree(
      join(dir, 'solution'),
      '',
      (file, problem) => fail(join('solution', file), problem),
      () => true,
    )
    if (Object.keys(solution).length === 0) fail('solution', 'the solution folder is empty')
    for (const file of Object.keys(solution)) {
      if (files[file] === undefined) {
        fail(
          join('solution', file),
          `replaces nothing: there is no starter file ${file} (solution files replace starter files)`,
        )
      }
    }
  }

  let checks: Check[] | undefined
  if (existsSync(join(dir, 'checks.ts'))) {
    if (!solution) fail('checks.ts', 'an exercise with checks needs a solution/ folder that passes them')
    checks = await readChecks(join(dir, 'checks.ts'), fail)
  }

  return { name, dir, config, files, ...(solution ? { solution } : {}), ...(checks ? { checks } : {}) }
}

/**
 * What is wrong with a sandbox that offers the WebContainer runtime without a lockfile: that
 * runtime runs `npm install`, and without one every learner resolves the dependency tree again
 * (slow) and may get other versions than the course tested. Reported by the repository test in
 * sandbox-loader.test.ts, not by the build, so a missing lockfile never stops the site.
 */
export function missingLockfile(sandbox: Pick<Sandbox, 'name' | 'config' | 'files'>): string | undefined {
  if (!sandbox.config.runtimes.includes('webcontainer') || sandbox.files['package-lock.json'] !== undefined)
    return undefined
  return `sandboxes/${sandbox.name}/package-lock.json: missing: the "webcontainer" runtime installs dependencies with npm, which needs a lockfile; run \`npm install --package-lock-only\` in sandboxes/${sandbox.name}`
}

/** Loads every sandbox under `root`, sorted by name; throws a SandboxLoadError listing every problem. */
export async function loadSandboxes(root = SANDBOX_ROOT): Promise<Sandbox[]> {
  const sandboxes: Sandbox[] = []
  const problems: SandboxError[] = []
  const names = existsSync(root)
    ? readdirSync(root)
        .filter((n) => statSync(join(root, n)).isDirectory())
        .sort()
    : []
  for (const name of names) {
    try {
      sandboxes.push(await loadSandbox(name, root))
    } catch (err) {
      if (err instanceof SandboxError) problems.push(err)
      else throw err
    }
  }
  if (problems.length) throw new SandboxLoadError(problems)
  return sandboxes
}

/** The starter with the solution laid over it. */
export function solutionFiles(sandbox: Sandbox): SandboxFiles {
  return { ...sandbox.files, ...sandbox.solution }
}

type Fail = (file: string, problem: string) => never

function readConfig(dir: string, fail: Fail): SandboxConfig {
  const file = join(dir, 'sandbox.json')
  if (!existsSync(file))
    fail('sandbox.json', 'missing: every sandbox needs a sandbox.json (title, files, open, runtimes)')
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    fail('sandbox.json', `not valid JSON: ${(err as Error).message}`)
  }
  const result = sandboxConfigSchema.safeParse(data)
  if (!result.success) fail('sandbox.json', describeIssues(result.error).join('; '))
  return result.data!
}

function checkPackageJson(source: string | undefined, fail: Fail) {
  if (source === undefined) fail('package.json', 'missing: a sandbox is a real project with a package.json')
  let pkg: { type?: unknown; scripts?: { dev?: unknown } }
  try {
    pkg = JSON.parse(source!)
  } catch (err) {
    return fail('package.json', `not valid JSON: ${(err as Error).message}`)
  }
  if (pkg.type !== 'module') fail('package.json', 'type: must be "module" (sandboxes are ES modules)')
  if (typeof pkg.scripts?.dev !== 'string')
    fail('package.json', 'scripts.dev: must start the Node server, e.g. "node src/server.ts"')
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function readTree(dir: string, prefix: string, fail: Fail, keep: (path: string) => boolean): SandboxFiles {
  const files: SandboxFiles = {}
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) {
      // solution/ is only special at the top of the sandbox; node_modules and .git anywhere.
      const skipped =
        entry.name === 'node_modules' || entry.name === '.git' || (prefix === '' && entry.name === 'solution')
      if (!skipped) Object.assign(files, readTree(dir, path, fail, keep))
      continue
    }
    if (entry.name === '.DS_Store' || !keep(path)) continue
    const bytes = readFileSync(join(dir, path.split('/').join(sep)))
    try {
      files[path] = utf8.decode(bytes)
    } catch {
      fail(path, 'not a UTF-8 text file: sandboxes hold text files only (binary files are not supported yet)')
    }
  }
  return files
}

async function readChecks(file: string, fail: Fail): Promise<Check[]> {
  let mod: { default?: unknown }
  try {
    mod = await import(/* @vite-ignore */ pathToFileURL(file).href)
  } catch (err) {
    return fail('checks.ts', `could not be loaded: ${(err as Error).message}`)
  }
  const result = validateChecks(mod.default)
  if (result.problems.length) fail('checks.ts', result.problems.join('; '))
  return (result as { checks: Check[] }).checks
}
