/**
 * `npm run bench:database`: headless Chromium against the built site (the production server,
 * test page /test/runtime/tasks-db/), printing medians of several runs of what a learner waits
 * for in a sandbox with a database:
 *
 *   cold Run → first query answered   fresh browser profile: runner, Postgres fetched and compiled,
 *                                     initdb, db/schema.sql + db/seed.sql, GET /tasks answered
 *   reload Run → first query          same profile after a reload: the stored database reopens
 *   warm re-run → first query         an edit, then Run again in the same page (the DB stays up)
 *   query round trip                  GET /tasks/t1 (one SELECT) through page → runner → app → DB worker
 *   payload                           what the DB sandbox fetched from the sandbox origin, KB gz,
 *                                     and what a sandbox without a database fetched of PGlite (0)
 *
 * Needs a build with the test pages: `COURSE_TEST_PAGES=1 npm run build` (DIST_DIR is honoured).
 * BENCH_PORT (default 4397; the sandbox origin uses the next port) and BENCH_RUNS (default 3).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type Page } from '@playwright/test'
import { distDir, sandboxDistDir } from '../../api/config.ts'
import { CHROMIUM_ARGS } from '../../scripts/machine/browsers.ts'
import { chromiumOrExit, median, ms, startServer } from '../course-server.ts'

// The test-only pages' build (dist-test/ unless DIST_DIR says otherwise).
const dist = distDir({ ...process.env, COURSE_TEST_PAGES: '1' })
const sandboxDist = sandboxDistDir(dist)
const port = Number(process.env.BENCH_PORT ?? 4397)
const runs = Number(process.env.BENCH_RUNS ?? 3)
const base = `http://127.0.0.1:${port}`

if (
  !existsSync(join(dist, 'test/runtime/tasks-db/index.html')) ||
  !existsSync(join(sandboxDist, 'runner.html'))
) {
  console.error(
    `No test pages in ${dist}/ or no ${sandboxDist}/: build first with COURSE_TEST_PAGES=1 npm run build`,
  )
  process.exit(1)
}
const executablePath = chromiumOrExit()

/** Gzipped size of a sandbox-origin file, as the server sends it (it serves precompressed files). */
function gzKb(path: string): number {
  const file = join(sandboxDist, path)
  if (!existsSync(file)) return 0
  return gzipSync(readFileSync(file)).length / 1024
}

async function open(page: Page, sandbox: string) {
  await page.goto(`${base}/test/runtime/${sandbox}/`)
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
}

/** Run, then the first answer of GET /tasks (ms from pressing Run). */
async function runToFirstQuery(page: Page, files?: Record<string, string>): Promise<number> {
  return page.evaluate(async (f) => {
    const t0 = performance.now()
    const error = await window.__runtimeTest.run(f)
    if (error) throw new Error(error)
    const res = await window.__runtimeTest.request('GET', '/tasks')
    if (res.status !== 200) throw new Error(`GET /tasks answered ${res.status}`)
    return performance.now() - t0
  }, files)
}

interface Figures {
  cold: number
  reload: number
  warm: number
  roundTrip: number
  payloadKb: number
  pgliteOnPlainPage: number
}

async function measure(browser: Browser): Promise<Figures> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const fetched = new Set<string>()
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.port === String(port + 1)) fetched.add(url.pathname)
  })
  await open(page, 'tasks-db')
  const cold = await runToFirstQuery(page)
  const payloadKb = [...fetched].reduce((sum, path) => sum + gzKb(path), 0)

  const files = await page.evaluate(() => window.__runtimeTest.data.files)
  const edited = { ...files, 'src/app.ts': `${files['src/app.ts']}\n// edited\n` }
  const warm = await runToFirstQuery(page, edited)
  const trips: number[] = []
  for (let i = 0; i < 20; i++)
    trips.push(await page.evaluate(async () => (await window.__runtimeTest.request('GET', '/tasks/t1')).ms))

  await page.reload()
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  const reload = await runToFirstQuery(page)

  // A sandbox without a database: which PGlite files does it fetch? (none)
  fetched.clear()
  await open(page, 'hello-hono')
  await page.evaluate(() => window.__runtimeTest.run())
  await page.evaluate(() => window.__runtimeTest.request('GET', '/hello'))
  const pgliteOnPlainPage = [...fetched].filter((p) => /pglite|db-worker/.test(p)).length
  await context.close()
  return { cold, reload, warm, roundTrip: median(trips), payloadKb, pgliteOnPlainPage }
}

const server = await startServer(port, dist)
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
const all: Figures[] = []
try {
  for (let i = 0; i < runs; i++) all.push(await measure(browser))
} finally {
  await browser.close()
  server.kill()
}
const pick = (k: keyof Figures) => median(all.map((f) => f[k]))
const pgFiles = readdirPglite()
console.log(`DB sandbox (tasks-db), medians of ${runs} runs, fresh browser profile each:`)
console.log(`  cold Run → first query answered   ${ms(pick('cold'))}   (aim ≤ 2000 ms)`)
console.log(`  reload, Run → first query         ${ms(pick('reload'))}`)
console.log(`  warm re-run → first query         ${ms(pick('warm'))}   (aim ≤ 200 ms)`)
console.log(`  query round trip (GET /tasks/t1)  ${ms(pick('roundTrip'))}`)
console.log(
  `  payload fetched on cold Run       ${pick('payloadKb').toFixed(0)} KB gz (Postgres: ${pgFiles})`,
)
console.log(`  PGlite files fetched by a sandbox without a database: ${pick('pgliteOnPlainPage')}`)

function readdirPglite(): string {
  const info = JSON.parse(readFileSync(join(sandboxDist, 'sandbox-origin.json'), 'utf8')) as {
    pglite: Record<string, string>
  }
  return Object.entries(info.pglite)
    .map(([k, path]) => `${k} ${gzKb(path).toFixed(0)} KB`)
    .join(', ')
}
