/**
 * `npm run check:sandboxes` (part of `npm test`): every sandbox loads, its app imports under
 * Node and answers its prefilled request without a server error, sandboxes that offer the
 * worker runtime import only what that runtime can provide, and for every exercise the
 * starter fails at least one check while the starter with solution/ laid over it passes them
 * all. Checks run with the same runner as the browser (src/sandbox/checks.ts), against
 * `app.request`. Output names the sandbox and the check that broke.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadSandboxes, SandboxLoadError, type Sandbox } from '../src/course/sandbox-loader.ts'
import { runChecks, type CheckResult } from '../src/sandbox/checks.ts'
import { buildModuleGraph } from '../src/sandbox/module-graph.ts'
import { DATA_DIR_VARIABLE, databaseSetup, hasDatabase } from '../src/sandbox/database.ts'
import { DatabaseTemplate } from '../src/sandbox/db-node.ts'
import { routeServices, type ServiceRouting } from '../src/sandbox/services-node.ts'
import type { SandboxFiles } from '../src/sandbox/runtime.ts'
import { prefilledRequest } from '../src/sandbox/ui/request-model.ts'
import { SandboxCodeError } from '../src/sandbox/transpile.ts'
import { vendoredSpecifiers } from '../src/sandbox/vendor/vendored.ts'
import { startCourseApiForChecks } from './course-api-for-checks.ts'

interface App {
  request(input: Request): Response | Promise<Response>
}

const root = process.cwd()
const work = mkdtempSync(join(tmpdir(), 'check-sandboxes-'))
// Copies of the sandboxes resolve hono & co. from the course's node_modules, as the originals do.
symlinkSync(resolve(root, 'node_modules'), join(work, 'node_modules'), 'dir')
const vendored = new Set(vendoredSpecifiers(root))
const problems: string[] = []
let copies = 0
/** The routing between the services of the sandbox being checked. */
let routing: ServiceRouting | undefined
/** Databases opened by the apps (src/db.ts's `db`), closed once their sandbox is checked. */
const openDatabases: { close(): Promise<void> }[] = []

/**
 * Writes the files into a fresh folder and imports its src/app.ts with that folder as working
 * directory. A sandbox with a database gets a freshly seeded one (PGDATA), as checks in the
 * browser do, so no result depends on an earlier run.
 */
async function importApp(
  sandbox: Sandbox,
  files: SandboxFiles,
  label: string,
  template?: DatabaseTemplate,
): Promise<App> {
  const dir = join(work, `${sandbox.name}-${label}-${copies++}`)
  cpSync(sandbox.dir, dir, { recursive: true, filter: (src) => !src.includes('node_modules') })
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content)
  // serveStatic({ root: './public' }) reads relative to the working directory, as under `npm run dev`.
  process.chdir(dir)
  if (template) process.env[DATA_DIR_VARIABLE] = template.fresh()
  const services = sandbox.config.services
  if (services) {
    // Each service is its own app; fetch('http://<service>/…') between them goes through app.request.
    const apps: Record<string, App> = {}
    for (const [name, entry] of Object.entries(services)) {
      const mod = (await import(pathToFileURL(join(dir, entry)).href)) as { default?: App }
      if (typeof mod.default?.request !== 'function')
        throw new Error(`${entry} (service ${name}) must \`export default app\` (a Hono app)`)
      apps[name] = mod.default
    }
    routing?.restore()
    routing = routeServices(apps)
    return Object.values(apps)[0]!
  }
  const mod = (await import(pathToFileURL(join(dir, 'src/app.ts')).href)) as { default?: App }
  if (template) {
    const db = (await import(pathToFileURL(join(dir, 'src/db.ts')).href).catch(() => ({}))) as {
      db?: { close?: () => Promise<void> }
    }
    if (typeof db.db?.close === 'function') openDatabases.push(db.db as { close(): Promise<void> })
  }
  if (typeof mod.default?.request !== 'function')
    throw new Error('src/app.ts must `export default app` (a Hono app)')
  return mod.default
}

/** Runs `fn` with the apps' own console output muted (a failing starter logs its errors, as it should). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  }
  const mute = () => {}
  Object.assign(console, { log: mute, info: mute, warn: mute, error: mute, debug: mute })
  try {
    return await fn()
  } finally {
    Object.assign(console, saved)
  }
}

function describeFailure(result: CheckResult): string {
  return `"${result.name}": ${result.message.split('\n').join('; ')}`
}

async function checkSandbox(sandbox: Sandbox): Promise<string> {
  const template = hasDatabase(sandbox.files)
    ? await DatabaseTemplate.create(databaseSetup(sandbox.files))
    : undefined
  try {
    return await checkApps(sandbox, template)
  } finally {
    for (const db of openDatabases.splice(0)) await db.close().catch(() => {})
    routing?.restore()
    routing = undefined
    template?.dispose()
    delete process.env[DATA_DIR_VARIABLE]
  }
}

async function prefilledRequestAnswers(
  sandbox: Sandbox,
  app: { request(r: Request): Response | Promise<Response> },
) {
  if (!sandbox.config.request) return
  const { method, path } = sandbox.config.request
  // Built as the request panel builds it, so this is the request the learner first sends.
  const res = await app.request(prefilledRequest(sandbox.config.request))
  if (res.status >= 500)
    problems.push(`${sandbox.name}: the prefilled request ${method} ${path} answers ${res.status}`)
}

async function checkApps(sandbox: Sandbox, template: DatabaseTemplate | undefined): Promise<string> {
  const notes: string[] = template ? ['database seeded from db/schema.sql + db/seed.sql'] : []
  const starter = await importApp(sandbox, sandbox.files, 'starter', template)
  // An exercise's starter may answer its prefilled request with a 500 on purpose (the lesson has
  // the learner send it and see the bug); the solution is held to it instead.
  if (!sandbox.solution) await prefilledRequestAnswers(sandbox, starter)
  notes.push('runs under Node')

  if (sandbox.config.runtimes.includes('worker')) {
    try {
      for (const entry of Object.values(sandbox.config.services ?? { app: 'src/app.ts' })) {
        await buildModuleGraph(sandbox.files, {
          entry,
          resolveBare: (s) => (vendored.has(s) ? `vendor:${s}` : undefined),
        })
      }
      notes.push('links for the worker runtime')
    } catch (err) {
      if (!(err instanceof SandboxCodeError)) throw err
      problems.push(
        `${sandbox.name}: offers the worker runtime, but ${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`,
      )
    }
  }

  if (sandbox.checks) {
    const before = await runChecks(sandbox.checks, (req) => starter.request(req))
    const failing = before.filter((r) => !r.passed)
    if (failing.length === 0)
      problems.push(
        `${sandbox.name}: the starter already passes every check, so the exercise asks for nothing`,
      )
    const solved = await importApp(sandbox, { ...sandbox.files, ...sandbox.solution }, 'solution', template)
    const after = await runChecks(sandbox.checks, (req) => solved.request(req))
    for (const result of after.filter((r) => !r.passed))
      problems.push(`${sandbox.name}: the solution fails ${describeFailure(result)}`)
    await prefilledRequestAnswers(sandbox, solved)
    notes.push(
      `starter fails ${failing.length} of ${before.length} checks, solution passes ${after.filter((r) => r.passed).length} of ${after.length}`,
    )
  }
  return notes.join('; ')
}

async function main() {
  await startCourseApiForChecks() // ended by process.exit below
  let sandboxes: Sandbox[]
  try {
    sandboxes = await loadSandboxes(resolve(root, 'sandboxes'))
  } catch (err) {
    if (!(err instanceof SandboxLoadError)) throw err
    console.error(`Sandbox check failed: ${err.problems.length} sandbox(es) do not load\n`)
    for (const p of err.problems) console.error(`  ${p.message}`)
    return 1
  }
  for (const sandbox of sandboxes) {
    const count = problems.length
    try {
      const notes = await quietly(() => checkSandbox(sandbox))
      console.log(`${problems.length > count ? '✗' : '✓'} ${sandbox.name}: ${notes}`)
    } catch (err) {
      problems.push(`${sandbox.name}: ${(err as Error).message}`)
      console.log(`✗ ${sandbox.name}`)
    }
  }
  process.chdir(root)
  if (problems.length) {
    console.error(`\nSandbox check failed: ${problems.length} problem(s)\n`)
    for (const p of problems) console.error(`  ${p}`)
    return 1
  }
  console.log(`\nSandbox check passed: ${sandboxes.length} sandboxes.`)
  return 0
}

const code = await main().catch((err: Error) => {
  console.error(`Sandbox check crashed: ${err.stack ?? err.message}`)
  return 1
})
process.chdir(root)
rmSync(work, { recursive: true, force: true })
// Apps may leave timers or servers open; the verdict is in.
process.exit(code)
