/**
 * `npm run bench:every-page-a11y`: what e2e/every-page-a11y.spec.ts spends its time on, per
 * page of the build: loading it, axe with all rules, and axe with only the colour rules (what
 * a second theme can change), with the number of elements axe looks at. Prints a table and the
 * totals, so the spec's duration as the course grows (~50 lessons) can be estimated.
 *
 * Needs a build (`npm run build`; DIST_DIR honoured). BENCH_PORT (default 4640; the sandbox
 * origin takes the next port).
 */
import { spawn } from 'node:child_process'
import AxeBuilder from '@axe-core/playwright'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from '../scripts/machine/browsers.ts'
import { builtPages } from '../e2e/fixtures/a11y/axe.ts'

const port = Number(process.env.BENCH_PORT ?? 4640)
const base = `http://127.0.0.1:${port}`
const pages = builtPages()

const server = spawn(process.execPath, ['server/server.ts'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
  stdio: 'ignore',
})
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    if (i > 100) throw new Error(`the server did not start on ${port}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now()
    await fn()
    return performance.now() - started
  }
  const totals = { load: 0, all: 0, colour: 0 }
  console.log(
    `${'page'.padEnd(72)} ${'elements'.padStart(8)} ${'load'.padStart(7)} ${'axe all'.padStart(8)} ${'colour'.padStart(7)}`,
  )
  for (const path of pages) {
    const load = await time(() => page.goto(base + path))
    const elements = await page.evaluate(() => document.querySelectorAll('*').length)
    const all = await time(() => new AxeBuilder({ page }).analyze())
    const colour = await time(() =>
      new AxeBuilder({ page }).withRules(['color-contrast', 'link-in-text-block']).analyze(),
    )
    totals.load += load
    totals.all += all
    totals.colour += colour
    const ms = (n: number) => `${Math.round(n)}`.padStart(7)
    console.log(
      `${path.padEnd(72)} ${String(elements).padStart(8)} ${ms(load)} ${ms(all).padStart(8)} ${ms(colour)}`,
    )
  }
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`
  console.log(
    `\n${pages.length} pages: load ${s(totals.load)}, axe all rules ${s(totals.all)}, axe colour rules only ${s(totals.colour)}`,
  )
  console.log(
    `per page: load ${Math.round(totals.load / pages.length)} ms, axe ${Math.round(totals.all / pages.length)} ms (colour rules ${Math.round(totals.colour / pages.length)} ms)`,
  )
  await browser.close()
} finally {
  server.kill()
}
