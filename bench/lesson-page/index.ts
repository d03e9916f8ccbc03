/**
 * `npm run bench:lesson-page`: drives headless Chromium against the built site (the production
 * server, topic 1's "Your first endpoint", which embeds four sandboxes) and prints what a
 * learner's browser loads and waits for:
 *
 *   JS before interaction   every script the page loads before the learner scrolls or clicks
 *                           (gzip -9 of each file, the size the server's .gz sends)
 *   JS when the editor opens what scrolling to the first sandbox adds: Monaco, the sandbox UI,
 *                           hono's types, and the editor and TypeScript workers
 *   scroll-in → editor ready from the sandbox entering the viewport to `data-state="ready"`
 *                           (Monaco live with the learner's code), median of BENCH_RUNS fresh
 *                           profiles (nothing cached), and once more with a warm HTTP cache;
 *                           split into fetching + evaluating the editor chunk and mounting
 *   reading down the page   a learner scrolling about a screen a second from the top: the wait,
 *                           once the sandbox is on screen, until its editor is ready
 *
 * Needs a build: `npm run build` (DIST_DIR is honoured). BENCH_PORT (default 4620; the sandbox
 * origin uses the next port) and BENCH_RUNS (default 5).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { distDir } from '../../api/config.ts'
import { CHROMIUM_ARGS } from '../../scripts/machine/browsers.ts'
import { chromiumOrExit, median, startServer } from '../course-server.ts'

const dist = distDir()
const port = Number(process.env.BENCH_PORT ?? 4620)
const runs = Number(process.env.BENCH_RUNS ?? 5)
const base = `http://127.0.0.1:${port}`
const lesson = '/lessons/01-what-is-backend/04-your-first-endpoint/'

if (!existsSync(join(dist, lesson, 'index.html'))) {
  console.error(`No ${lesson} in ${dist}/: build first with npm run build`)
  process.exit(1)
}
const executablePath = chromiumOrExit()

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Every JavaScript file (page scripts and worker scripts) the browser fetches, in order. */
function recordScripts(context: BrowserContext): string[] {
  const urls: string[] = []
  context.on('response', (response) => {
    if (/\.m?js$/.test(new URL(response.url()).pathname) && response.status() === 200)
      urls.push(response.url())
  })
  return urls
}

/** gzip -9 size of a fetched file (what the server's precompressed .gz sends). */
async function gzSize(url: string): Promise<number> {
  const file = join(dist, new URL(url).pathname)
  const body = existsSync(file) ? readFileSync(file) : Buffer.from(await (await fetch(url)).arrayBuffer())
  return gzipSync(body, { level: 9 }).length
}

/** Inline <script>s run before interaction too (JSON data blocks do not). */
function inlineScripts(html: string): number {
  let gz = 0
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/type=["']?application\/(ld\+)?json/.test(m[1]!) || !m[2]!.trim()) continue
    gz += gzipSync(m[2]!, { level: 9 }).length
  }
  return gz
}

/** Page at the top, every request settled: the cost before the learner does anything. */
async function openLesson(page: Page) {
  await page.goto(`${base}${lesson}`, { waitUntil: 'load' })
  await page.waitForLoadState('networkidle')
  const states = await page.$$eval('course-sandbox', (els) => els.map((el) => el.getAttribute('data-state')))
  if (states.some((s) => s !== 'static'))
    throw new Error(`a sandbox loaded before interaction: ${states.join(', ')}`)
}

/** Scrolls the first sandbox in and times it, in the page's own clock, until it is live. */
async function scrollInToReady(page: Page): Promise<{ total: number; chunk: number; mount: number }> {
  return page.evaluate(async () => {
    const el = document.querySelector('course-sandbox')!
    const ready = new Promise<number>((resolve) => {
      new MutationObserver(() => {
        if (el.getAttribute('data-state') === 'ready') resolve(performance.now())
      }).observe(el, { attributes: true, attributeFilter: ['data-state'] })
    })
    const seen = new Promise<number>((resolve) => {
      new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) resolve(performance.now())
      }).observe(el)
    })
    el.scrollIntoView({ block: 'center' })
    const [start, end] = await Promise.all([seen, ready])
    const at = (name: string) => performance.getEntriesByName(`course-sandbox:${name}`)[0]?.startTime ?? NaN
    return { total: end - start, chunk: at('module') - at('load'), mount: at('ready') - at('module') }
  })
}

/**
 * A learner reading down the page (about one screen a second, in small steps): how long they
 * wait, once the first sandbox is on screen, until its editor is ready (0 when it already is).
 */
async function readToSandbox(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const el = document.querySelector('course-sandbox')!
    let readyAt = el.getAttribute('data-state') === 'ready' ? 0 : NaN
    new MutationObserver(() => {
      if (el.getAttribute('data-state') === 'ready') readyAt = performance.now()
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] })
    const step = innerHeight / 10
    while (el.getBoundingClientRect().top > innerHeight / 3) {
      scrollBy(0, step)
      await new Promise((r) => setTimeout(r, 100))
    }
    const arrived = performance.now()
    while (Number.isNaN(readyAt)) await new Promise((r) => setTimeout(r, 20))
    return Math.max(0, readyAt - arrived)
  })
}

async function measure(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const scripts = recordScripts(context)
  const page = await context.newPage()
  await openLesson(page)
  const before = scripts.length
  const ready = await scrollInToReady(page)
  // The workers start fetching as the editor comes up; wait until the network is quiet again.
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(1000)
  const loaded = { before: scripts.slice(0, before), after: scripts.slice(before) }
  await page.close()

  // Warm: the same profile (HTTP cache filled), a new page.
  const warmPage = await context.newPage()
  await openLesson(warmPage)
  const warm = await scrollInToReady(warmPage)
  await context.close()

  // Reading: a fresh profile again, scrolling down like a reader.
  const readingContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const readingPage = await readingContext.newPage()
  await openLesson(readingPage)
  const readingWait = await readToSandbox(readingPage)
  await readingContext.close()
  return { ...loaded, ready, warm, readingWait }
}

async function sizes(urls: string[]): Promise<[string, number][]> {
  return Promise.all([...new Set(urls)].map(async (url) => [url, await gzSize(url)] as [string, number]))
}

const sum = (entries: [string, number][]) => entries.reduce((a, [, b]) => a + b, 0)
const name = (url: string) => new URL(url).pathname.replace(/^\/_astro\//, '')

const server = await startServer(port, dist)
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
try {
  const results: Awaited<ReturnType<typeof measure>>[] = []
  for (let i = 0; i < runs; i++) results.push(await measure(browser))
  const first = results[0]!
  const inline = inlineScripts(readFileSync(join(dist, lesson, 'index.html'), 'utf8'))
  const before = await sizes(first.before)
  const after = await sizes(first.after)
  console.log(`lesson page: ${lesson} (${runs} runs, fresh profile each)`)
  console.log(
    `JS before interaction:      ${kb(sum(before) + inline)} gz (${before.length} files + ${kb(inline)} inline)`,
  )
  for (const [url, size] of before.sort((a, b) => b[1] - a[1]))
    console.log(`  ${kb(size).padStart(9)}  ${name(url)}`)
  console.log(`JS when the editor opens:   ${kb(sum(after))} gz in ${after.length} files (workers included)`)
  for (const [url, size] of after.sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${kb(size).padStart(9)}  ${name(url)}`)
  if (after.length > 8) console.log(`  … and ${after.length - 8} smaller files`)
  const line = (label: string, key: 'ready' | 'warm') => {
    const total = results.map((r) => r[key].total)
    const chunk = median(results.map((r) => r[key].chunk))
    const mount = median(results.map((r) => r[key].mount))
    console.log(
      `${label}${Math.round(median(total))} ms median (runs: ${total.map(Math.round).join(', ')}; editor chunk fetch+run ${Math.round(chunk)} ms, mount ${Math.round(mount)} ms)`,
    )
  }
  line('scroll-in → editor ready:   ', 'ready')
  line('  same, warm HTTP cache:    ', 'warm')
  const waits = results.map((r) => r.readingWait)
  console.log(
    `reading down the page:      ${Math.round(median(waits))} ms median wait once the sandbox is on screen (runs: ${waits.map(Math.round).join(', ')}; loading starts 1.5 screens ahead)`,
  )
} finally {
  await browser.close()
  server.kill()
}
