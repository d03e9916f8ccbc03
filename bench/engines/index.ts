/**
 * `npm run bench:engines`: the two figures a learner feels, per browser engine, side by side —
 * Chromium (Playwright), Firefox ESR (WebDriver BiDi) and WebKitGTK's MiniBrowser (classic
 * WebDriver), driven as e2e/engines/engine.ts drives them in the cross-engine specs:
 *
 *   scroll-in → editor ready   topic 1's "Your first endpoint" opened at the top, its first sandbox
 *                              scrolled into view: from entering the viewport to
 *                              `data-state="ready"` (Monaco live with the learner's code)
 *   cold Run → first response  the runtime test page in a fresh browser (no cache, no Service
 *                              Worker): Run, then GET /hello answered
 *
 * Both are timed in the page's own clock; each run is a fresh browser, median of BENCH_RUNS
 * (default 3). Figures only, never asserted anywhere. Needs a build with the test pages
 * (`COURSE_TEST_PAGES=1 npm run build`; DIST_DIR is honoured), BENCH_PORT (default 4640; the
 * sandbox origin uses the next port) and ENGINES (default chromium,firefox,webkit).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { distDir } from '../../api/config.ts'
import { CHROMIUM_ARGS, missingFor, type EngineName } from '../../scripts/machine/browsers.ts'
import { launch } from '../../e2e/engines/engine.ts'
import { chromiumOrExit, median, ms, startServer } from '../course-server.ts'

// The test-only pages' build (dist-test/ unless DIST_DIR says otherwise).
const dist = distDir({ ...process.env, COURSE_TEST_PAGES: '1' })
const port = Number(process.env.BENCH_PORT ?? 4640)
const runs = Number(process.env.BENCH_RUNS ?? 3)
const base = `http://127.0.0.1:${port}`
const lesson = '/lessons/01-what-is-backend/04-your-first-endpoint/'
const harness = '/test/runtime/hello-hono/'
const engines = (process.env.ENGINES ?? 'chromium,firefox,webkit').split(',').filter(Boolean)

for (const page of [lesson, harness]) {
  if (!existsSync(join(dist, page, 'index.html'))) {
    console.error(`No ${page} in ${dist}/: build first with COURSE_TEST_PAGES=1 npm run build`)
    process.exit(1)
  }
}

// In-page scripts, the same text for every engine.
const SCROLL_IN_TO_READY = `async () => {
  const el = document.querySelector('course-sandbox')
  if (el.getAttribute('data-state') !== 'static') throw new Error('the sandbox loaded before the scroll')
  const ready = new Promise((resolve) => new MutationObserver(() => {
    if (el.getAttribute('data-state') === 'ready') resolve(performance.now())
  }).observe(el, { attributes: true, attributeFilter: ['data-state'] }))
  const seen = new Promise((resolve) => new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) resolve(performance.now())
  }).observe(el))
  el.scrollIntoView({ block: 'center' })
  const [start, end] = await Promise.all([seen, ready])
  return end - start
}`
const COLD_RUN = `async () => {
  while (!window.__runtimeTest) await new Promise((r) => setTimeout(r, 20))
  const t0 = performance.now()
  const error = await window.__runtimeTest.run()
  if (error) throw new Error(error)
  const res = await window.__runtimeTest.request('GET', '/hello')
  if (res.status !== 200) throw new Error('GET /hello answered ' + res.status + ': ' + res.body)
  return performance.now() - t0
}`

interface Browserish {
  goto(url: string): Promise<void>
  evaluate(source: string): Promise<number>
  close(): Promise<void>
}

async function open(engine: string): Promise<Browserish> {
  if (engine === 'chromium') {
    const browser = await chromium.launch({ executablePath: chromiumOrExit(), args: CHROMIUM_ARGS })
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    return {
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      evaluate: (source) => page.evaluate(`(${source})()`) as Promise<number>,
      close: () => browser.close(),
    }
  }
  const e = await launch(engine as EngineName)
  return {
    goto: (url) => e.goto(url),
    evaluate: (source) => e.evaluate<number>(source),
    close: () => e.close(),
  }
}

/** One fresh browser per figure, so each is cold: nothing cached, no Service Worker installed. */
async function once(engine: string, url: string, script: string): Promise<number> {
  const browser = await open(engine)
  try {
    await browser.goto(url)
    return await browser.evaluate(script)
  } finally {
    await browser.close()
  }
}

const server = await startServer(port, dist)
const rows: string[][] = []
try {
  for (const engine of engines) {
    const missing = engine === 'chromium' ? undefined : missingFor(engine as EngineName)
    if (missing) {
      rows.push([engine, 'not installed', missing])
      continue
    }
    const ready: number[] = []
    const cold: number[] = []
    for (let i = 0; i < runs; i++) {
      ready.push(await once(engine, `${base}${lesson}`, SCROLL_IN_TO_READY))
      cold.push(await once(engine, `${base}${harness}`, COLD_RUN))
    }
    const runsOf = (xs: number[]) => `${ms(median(xs))} (${xs.map((x) => Math.round(x)).join(', ')})`
    rows.push([engine, runsOf(ready), runsOf(cold)])
  }
} finally {
  server.kill()
}

console.log(`engines: ${lesson} and ${harness}, median of ${runs} fresh browsers (each run in ms)`)
const header = ['engine', 'scroll-in → editor ready', 'cold Run → first response']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '))
