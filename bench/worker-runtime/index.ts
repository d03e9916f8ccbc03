/**
 * `npm run bench:worker-runtime`: drives headless Chromium against the built site (the
 * production server, test page /test/runtime/hello-hono/) and prints, as medians of several
 * runs, what a learner waits for:
 *
 *   cold Run → first response    fresh browser profile (no cache, no Service Worker): the runner
 *                                loads, transpiles, the worker imports hono, GET /hello answers
 *   warm re-run → first response an edit, then Run again in the same page
 *   request round trip           GET /hello through page → runner → worker and back
 *   transpile time per file      sucrase + import analysis, first and cached
 *   payload on first run         sandbox-origin files fetched, gzipped (runner, worker, vendored)
 *
 * Needs a build with the test pages: `COURSE_TEST_PAGES=1 npm run build` (DIST_DIR is honoured).
 * BENCH_PORT (default 4395; the sandbox origin uses the next port) and BENCH_RUNS (default 5).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from '@playwright/test'
import { distDir, sandboxDistDir } from '../../api/config.ts'
import { CHROMIUM_ARGS } from '../../scripts/machine/browsers.ts'
import { chromiumOrExit, median, ms, startServer } from '../course-server.ts'

// The test-only pages' build (dist-test/ unless DIST_DIR says otherwise).
const dist = distDir({ ...process.env, COURSE_TEST_PAGES: '1' })
const sandboxDist = sandboxDistDir(dist)
const port = Number(process.env.BENCH_PORT ?? 4395)
const runs = Number(process.env.BENCH_RUNS ?? 5)
const base = `http://127.0.0.1:${port}`
const page = '/test/runtime/hello-hono/'

if (!existsSync(join(dist, page, 'index.html')) || !existsSync(join(sandboxDist, 'runner.html'))) {
  console.error(
    `No test pages in ${dist}/ or no ${sandboxDist}/: build first with COURSE_TEST_PAGES=1 npm run build`,
  )
  process.exit(1)
}
const executablePath = chromiumOrExit()

interface RunFigures {
  coldMs: number
  preparedMs: number
  warmMs: number
  warmNowMs: number
  roundTripMs: number
  transpileCold: Record<string, number>
  transpileWarm: Record<string, number>
  payload: Map<string, number>
}

/** One fresh browser context: nothing cached, no Service Worker installed. */
async function measure(browser: Browser): Promise<RunFigures> {
  const context = await browser.newContext()
  const fetched = new Set<string>()
  context.on('requestfinished', (request) => fetched.add(request.url()))
  const tab = await context.newPage()
  await tab.goto(`${base}${page}`)
  await tab.waitForFunction(() => window.__runtimeTest !== undefined)
  const figures = await tab.evaluate(async () => {
    const t = window.__runtimeTest
    const edit = (text: string) => ({
      ...t.data.files,
      'src/app.ts': t.data.files['src/app.ts']!.replace('Hello, World!', text),
    })
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now()
      await fn()
      return performance.now() - t0
    }
    const firstResponse = async (files?: Record<string, string>) => {
      const error = await t.run(files)
      if (error) throw new Error(error)
      const res = await t.request('GET', '/hello')
      if (res.status !== 200) throw new Error(`GET /hello answered ${res.status}: ${res.body}`)
    }
    const coldMs = await time(() => firstResponse())
    const transpileCold = t.runtime.lastRun!.transpileMs
    // A learner takes a moment to edit; by then the next worker has the vendored modules loaded.
    await new Promise((r) => setTimeout(r, 1000))
    const warmMs = await time(() => firstResponse(edit('Hello, warm!')))
    const transpileWarm = t.runtime.lastRun!.transpileMs
    const warmNowMs = await time(() => firstResponse(edit('Hello, again!')))
    const trips: number[] = []
    for (let i = 0; i < 100; i++) trips.push(await time(() => t.request('GET', '/hello')))
    trips.sort((a, b) => a - b)
    return { coldMs, warmMs, warmNowMs, roundTripMs: trips[50]!, transpileCold, transpileWarm }
  })
  // Payload: what the sandbox origin served during the cold run, as gzip bytes of the built files.
  const payload = new Map<string, number>()
  for (const url of fetched) {
    const { origin, pathname } = new URL(url)
    if (origin === base || !existsSync(join(sandboxDist, pathname)) || pathname.endsWith('/')) continue
    payload.set(pathname, gzipSync(readFileSync(join(sandboxDist, pathname)), { level: 9 }).length)
  }
  await context.close()

  // Cold again in a fresh profile, but with the runner loaded ahead (the editor calls prepare()).
  const prepared = await browser.newContext()
  const tab2 = await prepared.newPage()
  await tab2.goto(`${base}${page}`)
  await tab2.waitForFunction(() => window.__runtimeTest !== undefined)
  const preparedMs = await tab2.evaluate(async () => {
    const t = window.__runtimeTest
    await t.runtime.prepare()
    await new Promise((r) => setTimeout(r, 500))
    const t0 = performance.now()
    await t.run()
    await t.request('GET', '/hello')
    return performance.now() - t0
  })
  await prepared.close()
  return { ...figures, preparedMs, payload }
}

const server = await startServer(port, dist)
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
try {
  const all: RunFigures[] = []
  for (let i = 0; i < runs; i++) all.push(await measure(browser))
  const pick = (key: 'coldMs' | 'preparedMs' | 'warmMs' | 'warmNowMs' | 'roundTripMs') =>
    median(all.map((r) => r[key]))
  const files = Object.keys(all[0]!.transpileCold)
  const payload = all[0]!.payload
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const group = (test: (path: string) => boolean) =>
    [...payload].filter(([p]) => test(p)).reduce((s, [, b]) => s + b, 0)
  const total = group(() => true)

  console.log(
    `\nWorker runtime, hello-hono, Chromium ${browser.version()}, median of ${runs} runs (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})\n`,
  )
  const rows: [string, string, string][] = [
    ['cold Run → first response (fresh profile)', ms(pick('coldMs')), '≤ 500 ms'],
    ['  … when the runner was loaded ahead (prepare())', ms(pick('preparedMs')), ''],
    ['warm re-run → first response (edit, 1 s later)', ms(pick('warmMs')), '≤ 50 ms'],
    ['  … re-run right after the previous run', ms(pick('warmNowMs')), ''],
    ['request round trip (GET /hello)', ms(pick('roundTripMs')), '≤ 10 ms'],
    ...files.map((f): [string, string, string] => [
      `transpile ${f} (first / cached parser)`,
      `${ms(median(all.map((r) => r.transpileCold[f] ?? 0)))} / ${ms(median(all.map((r) => r.transpileWarm[f] ?? 0)))}`,
      '',
    ]),
    [`payload on first run (${payload.size} files)`, `${kb(total)} gz`, '≤ 300 KB gz'],
    ['  runner page script (transpiler, linker)', `${kb(group((p) => p.startsWith('/runner')))} gz`, ''],
    ['  app worker', `${kb(group((p) => p.startsWith('/worker')))} gz`, ''],
    ['  vendored packages (hono)', `${kb(group((p) => p.startsWith('/vendor/')))} gz`, ''],
    ['  service worker + other', `${kb(group((p) => !/^\/(runner|worker|vendor\/)/.test(p)))} gz`, ''],
  ]
  const width = Math.max(...rows.map((r) => r[0].length))
  for (const [label, value, target] of rows)
    console.log(`  ${label.padEnd(width)}  ${value.padStart(14)}  ${target}`)
} finally {
  await browser.close()
  server.kill()
}
