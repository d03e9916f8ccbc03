/**
 * One small interface over the two engines Playwright cannot drive here: Debian's Firefox ESR over
 * WebDriver BiDi (puppeteer-core) and WebKitGTK's MiniBrowser — Safari's engine — over classic
 * WebDriver (WebKitWebDriver, under a private Xvfb display). The cross-engine specs are written
 * once against it. Every process started here is stopped by `close()`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HASH_SUFFIX } from '../../src/shared/sandbox-file-names.ts'
import { WebDriverSession } from './webdriver-client.ts'
import { freePort } from '../../api/testing/free-port.ts'
import {
  FIREFOX_PATH,
  WEBKIT_DRIVER_PATH,
  findMiniBrowser,
  missingFor,
  type EngineName,
} from '../../scripts/machine/browsers.ts'

/** The script that runs the learner's app in its Worker (it relays the app's logs). */
const APP_WORKER = new RegExp(`/worker${HASH_SUFFIX}\\.js$`)

export interface Engine {
  readonly name: EngineName
  goto(url: string): Promise<void>
  reload(): Promise<void>
  /** Runs an async function's source in the current document with JSON `args`; its JSON result. */
  evaluate<T>(source: string, ...args: unknown[]): Promise<T>
  /** Polls `source` until it returns a truthy value (then returns it) or `timeoutMs` passes. */
  waitFor<T>(source: string, what: string, options?: { timeoutMs?: number; args?: unknown[] }): Promise<T>
  click(selector: string): Promise<void>
  /** Types into the focused element with real key events. */
  type(text: string): Promise<void>
  /** Scripts run in this iframe from now on (null: the top document again). */
  frame(selector: string | null): Promise<void>
  /** Console errors and uncaught exceptions of every document since the last call. */
  takeErrors(): string[]
  close(): Promise<void>
}

export function launch(name: EngineName): Promise<Engine> {
  const missing = missingFor(name)
  if (missing) throw new Error(missing)
  return name === 'firefox' ? launchFirefox() : launchWebKit()
}

/**
 * True for a console message the learner's app logged: its Worker's blob: modules, relayed by
 * worker-<hash>.js. The course shows those in its console panel, and an app (or a starter an
 * exercise asks to fix) may log errors on purpose, so they are not the course's errors.
 */
export function fromLearnerApp(url: string): boolean {
  return url.startsWith('blob:') || APP_WORKER.test(url)
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

async function poll<T>(check: () => Promise<T>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
      last = value
    } catch (err) {
      last = errorText(err)
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

// ── Firefox over WebDriver BiDi ──

async function launchFirefox(): Promise<Engine> {
  const { launch: launchBrowser } = await import('puppeteer-core')
  const profile = mkdtempSync(join(tmpdir(), 'course-firefox-'))
  const browser = await launchBrowser({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    // Nothing phones home on a closed network: no updates, telemetry or remote settings.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  })
  const page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  let errors: string[] = []
  page.on('console', (m) => {
    const url = m.location().url ?? ''
    if (m.type() === 'error' && !fromLearnerApp(url)) errors.push(`${m.text()} (${url})`)
  })
  page.on('pageerror', (e) => errors.push(`uncaught: ${errorText(e)}`))
  let context: import('puppeteer-core').Frame = page.mainFrame()
  const evaluate = <T>(source: string, ...args: unknown[]) =>
    context.evaluate(`(${source})(...${JSON.stringify(args)})`) as Promise<T>
  return {
    name: 'firefox',
    async goto(url) {
      context = page.mainFrame()
      await page.goto(url, { waitUntil: 'load' })
    },
    async reload() {
      context = page.mainFrame()
      await page.reload({ waitUntil: 'load' })
    },
    evaluate,
    waitFor: (source, what, o = {}) =>
      poll(() => evaluate(source, ...(o.args ?? [])), what, o.timeoutMs ?? 30_000),
    async click(selector) {
      await context.click(selector)
    },
    async type(text) {
      await page.keyboard.type(text)
    },
    async frame(selector) {
      if (selector === null) return void (context = page.mainFrame())
      // The frame whose URL is the iframe's src: right after a navigation, the element's
      // contentFrame() may still be the about:blank document it replaced.
      const parent = context
      context = (await poll<import('puppeteer-core').Frame | undefined>(
        async () => {
          const src = await parent.evaluate(
            (sel) => (document.querySelector(sel) as HTMLIFrameElement | null)?.src,
            selector,
          )
          return src ? page.frames().find((f) => f.url() === src) : undefined
        },
        `the document in ${selector}`,
        30_000,
      )) as import('puppeteer-core').Frame
    },
    takeErrors() {
      const taken = errors
      errors = []
      return taken
    },
    async close() {
      await browser.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// ── WebKitGTK's MiniBrowser over classic WebDriver, on a private X display ──

function stop(child: ChildProcess | undefined) {
  if (child && child.exitCode === null) child.kill('SIGTERM')
}

async function launchWebKit(): Promise<Engine> {
  const display = `:${90 + Math.floor(Math.random() * 400)}`
  const xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  })
  const port = await freePort()
  let errors: string[] = []
  let driver: ChildProcess | undefined
  let session: WebDriverSession | undefined
  try {
    driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: display },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // MiniBrowser writes console messages to its stdout (a WebKit setting turned on below);
    // WebKitGTK prints them as "CONSOLE JS ERROR …" lines.
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (/CONSOLE\b.*\bERROR\b/.test(line)) errors.push(line.trim())
    }
    driver.stdout!.on('data', collect)
    driver.stderr!.on('data', collect)
    const base = `http://127.0.0.1:${port}`
    await poll(() => fetch(`${base}/status`).then((r) => r.ok), 'WebKitWebDriver to listen', 15_000)
    session = await WebDriverSession.create(base, {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: findMiniBrowser(),
        args: ['--automation', '--enable-write-console-messages-to-stdout=true'],
      },
    })
  } catch (err) {
    stop(driver)
    stop(xvfb)
    throw err
  }
  const s = session
  const evaluate = <T>(source: string, ...args: unknown[]) => s.evaluate<T>(source, args)
  return {
    name: 'webkit',
    goto: async (url) => void (await s.goto(url)),
    reload: async () => void (await s.refresh()),
    evaluate,
    waitFor: (source, what, o = {}) =>
      poll(() => evaluate(source, ...(o.args ?? [])), what, o.timeoutMs ?? 30_000),
    async click(selector) {
      // WebKitWebDriver reports an element below the fold "not interactable" instead of
      // scrolling it into view first (as WebDriver's Element Click says): scroll, then click.
      await evaluate(
        'async (sel) => document.querySelector(sel)?.scrollIntoView({ block: "center" })',
        selector,
      )
      await s.click(selector)
    },
    type: (text) => s.keys(text),
    async frame(selector) {
      if (selector === null) return s.frame(null)
      await poll(() => s.frame(selector).then(() => true), `the iframe ${selector}`, 30_000)
    },
    takeErrors() {
      const taken = errors
      errors = []
      return taken
    },
    async close() {
      await s.close()
      stop(driver)
      stop(xvfb)
    },
  }
}
