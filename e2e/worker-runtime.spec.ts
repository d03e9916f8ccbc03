/**
 * The worker runtime in real Chromium against the production server: the seed sandboxes run
 * and answer, runaway code is cut off while the page stays responsive, errors point at the
 * learner's file and line, and learner code cannot read the course's stored data. Drives the
 * test page /test/runtime/<sandbox>/ (built with COURSE_TEST_PAGES=1) through its
 * `window.__runtimeTest` hook; learner code for the edge cases is in ./fixtures/worker-runtime.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { HASH_SUFFIX } from '../src/shared/sandbox-file-names.ts'
import type { SandboxFiles } from '../src/sandbox/runtime.ts'
import { CHROMIUM_ARGS, findChromium } from '../scripts/machine/browsers.ts'
import { appLogs, openRuntimePage, requestApp, runApp } from './fixtures/runtime-page.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures/worker-runtime')

/** A fixture's files by sandbox path. Files ending in .txt lose it: they hold code broken on purpose, which linters must skip. */
function fixture(name: string): SandboxFiles {
  const files: SandboxFiles = {}
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(join(FIXTURES, name), path).replace(/\.txt$/, '')] = readFileSync(path, 'utf8')
    }
  }
  walk(join(FIXTURES, name))
  return files
}

const open = (page: Page, sandbox: string, query = '') => openRuntimePage(page, sandbox, { query })
const run = runApp
const request = requestApp
const logs = appLogs

test.describe('the seed sandboxes run in the worker runtime', () => {
  test('hello-hono answers GET /hello, and an edit re-runs it', async ({ page }) => {
    await open(page, 'hello-hono')
    expect(await run(page)).toBeNull()
    const hello = await request(page, 'GET', '/hello')
    expect(hello).toMatchObject({ status: 200, body: 'Hello, World!', runtimeError: false })
    expect(hello.headers['content-type']).toMatch(/^text\/plain/)
    expect((await request(page, 'GET', '/goodbye')).status).toBe(404)

    const files = await page.evaluate(() => window.__runtimeTest.data.files)
    expect(
      await run(page, {
        ...files,
        'src/app.ts': files['src/app.ts']!.replace('Hello, World!', 'Hello, Playwright!'),
      }),
    ).toBeNull()
    expect((await request(page, 'GET', '/hello')).body).toBe('Hello, Playwright!')
  })

  test('hello-json-post: the starter fails the checks, the solution passes them all', async ({ page }) => {
    await open(page, 'hello-json-post')
    expect(await run(page)).toBeNull()
    const starter = await page.evaluate(() => window.__runtimeTest.check())
    expect(starter.filter((r) => !r.passed).length).toBeGreaterThan(0)
    const missing = starter.find((r) => r.name.startsWith('A body without a name'))!
    expect(missing).toMatchObject({
      passed: false,
      steps: [{ actual: { status: 200 }, expected: { status: 400 } }],
    })
    expect(missing.hint).toBeTruthy()

    const solution = await page.evaluate(() => window.__runtimeTest.solution())
    expect(await run(page, solution)).toBeNull()
    const solved = await page.evaluate(() => window.__runtimeTest.check())
    expect(solved.map((r) => [r.name, r.passed, r.message])).toEqual(
      solved.map((r) => [r.name, true, 'Passed']),
    )

    const json = { 'Content-Type': 'application/json' }
    expect(await request(page, 'POST', '/hello', { headers: json, body: '{"name":"Alice"}' })).toMatchObject({
      status: 200,
      body: '{"message":"Hello, Alice!"}',
    })
    expect(await request(page, 'POST', '/hello', { headers: json, body: '{}' })).toMatchObject({
      status: 400,
      body: '{"error":"Missing name parameter"}',
    })
    expect((await request(page, 'POST', '/hello', { headers: json, body: '{"name":' })).status).toBe(400)
  })

  test('hello-xhr-page: the preview page calls the app with XMLHttpRequest and fetch', async ({ page }) => {
    await open(page, 'hello-xhr-page')
    expect(await run(page)).toBeNull()
    const url = await page.evaluate(() => window.__runtimeTest.showPreview())
    expect(new URL(url).origin).not.toBe(new URL(page.url()).origin)
    const preview = page.frameLocator('#preview')
    await preview.getByRole('button', { name: 'Call with XMLHttpRequest' }).click()
    await expect(preview.locator('#output')).toHaveText('Hello, World!')
    await preview.getByRole('button', { name: 'Call with fetch' }).click()
    await expect(preview.locator('#output')).toHaveText('Hello, World!')
  })

  test('hello-react-page: the JSX page, with React from the vendored packages, renders what GET /hello answers', async ({
    page,
  }) => {
    await open(page, 'hello-react-page')
    expect(await run(page)).toBeNull()
    await page.evaluate(() => window.__runtimeTest.showPreview())
    await expect(page.frameLocator('#preview').getByRole('heading', { level: 1 })).toHaveText('Hello, World!')

    // Edit the app, run again, reload the preview: the page shows the new answer.
    const files = await page.evaluate(() => window.__runtimeTest.data.files)
    expect(
      await run(page, {
        ...files,
        'src/app.ts': files['src/app.ts']!.replace('Hello, World!', 'Hello, React!'),
      }),
    ).toBeNull()
    // A new URL in the same preview (not about:blank first): the frame stays in its process, so
    // the locator below never races a cross-process swap of the iframe.
    await page.evaluate(() => window.__runtimeTest.showPreview('/?after-edit'))
    await expect(page.frameLocator('#preview').getByRole('heading', { level: 1 })).toHaveText('Hello, React!')
  })
})

test('hello-react-page: a JSX syntax error in the page shows in the console with file and line; fixing it re-renders', async ({
  page,
}) => {
  await open(page, 'hello-react-page')
  const files = await page.evaluate(() => window.__runtimeTest.data.files)
  const good = files['public/App.jsx']!
  // The line with the <h1> loses its closing tag.
  const lines = good.split('\n')
  const line = lines.findIndex((l) => l.includes('<h1>{message}</h1>'))
  expect(line).toBeGreaterThan(0)
  lines[line] = lines[line]!.replace('</h1>', '')
  expect(await run(page, { ...files, 'public/App.jsx': lines.join('\n') })).toBeNull()
  await page.evaluate(() => window.__runtimeTest.showPreview())
  await expect
    .poll(async () => (await logs(page)).find((l) => l.file === 'public/App.jsx'))
    .toMatchObject({ level: 'error', file: 'public/App.jsx', line: expect.any(Number) })
  const entry = (await logs(page)).find((l) => l.file === 'public/App.jsx')!
  expect(entry.message).toMatch(/^SyntaxError: /)
  // sucrase reports where it noticed the problem: at or after the broken line, never before.
  expect(entry.line).toBeGreaterThanOrEqual(line + 1)
  await expect(page.frameLocator('#preview').getByRole('heading', { level: 1 })).toHaveCount(0)

  // Fixed and run again: the page renders.
  expect(await run(page, files)).toBeNull()
  await page.evaluate(() => window.__runtimeTest.showPreview('/?fixed'))
  await expect(page.frameLocator('#preview').getByRole('heading', { level: 1 })).toHaveText('Hello, World!')
})

test('TSX components render with Hono’s JSX', async ({ page }) => {
  await open(page, 'hello-hono')
  expect(await run(page, fixture('hono-jsx'))).toBeNull()
  const res = await request(page, 'GET', '/')
  expect(res.status).toBe(200)
  expect(res.body).toContain('<h1 class="greeting">Hello from JSX</h1>')
})

test('links and redirects inside a preview stay in the preview', async ({ page }) => {
  await open(page, 'hello-hono')
  expect(await run(page, fixture('multi-page'))).toBeNull()
  await page.evaluate(() => window.__runtimeTest.showPreview('/'))
  const preview = page.frameLocator('#preview')
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Home page')
  await preview.getByRole('link', { name: 'About', exact: true }).click()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('About page')
  await preview.getByRole('link', { name: 'Home' }).click()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Home page')
  await preview.getByRole('link', { name: 'Old about link' }).click()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('About page')
  const frameUrl = page
    .frames()
    .find((f) => f.url().includes('/about'))!
    .url()
  expect(new URL(frameUrl).pathname).toMatch(/^\/preview\/[^/]+\/about$/)
})

test.describe('runaway code', () => {
  test('an endless loop in a handler is cut off at the deadline, the page stays responsive, the next request works', async ({
    page,
  }) => {
    await open(page, 'hello-hono', '?timeout=1500')
    expect(await run(page, fixture('runaway'))).toBeNull()
    expect((await request(page, 'GET', '/ok')).body).toBe('still here')

    const looping = request(page, 'GET', '/loop')
    // While the app's worker spins, the course page still handles input.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Ping' }).click()
    await expect(page.locator('#pings')).toHaveText('3')
    const cut = await looping
    expect(cut).toMatchObject({ status: 504, runtimeError: true })
    expect(JSON.parse(cut.body)).toMatchObject({
      runtimeError: 'timeout',
      error: expect.stringMatching(
        /^GET \/loop did not answer within 1\.5 s, so the app was stopped and restarted/,
      ),
    })
    expect(await logs(page)).toContainEqual(
      expect.objectContaining({
        source: 'system',
        level: 'error',
        message: expect.stringContaining('GET /loop did not answer'),
      }),
    )

    // Restarted with the same files.
    expect(await request(page, 'GET', '/ok')).toMatchObject({ status: 200, body: 'still here' })
    expect(await request(page, 'GET', '/hang')).toMatchObject({ status: 504, runtimeError: true })
    expect(await request(page, 'GET', '/microtasks')).toMatchObject({ status: 504, runtimeError: true })
    expect(await request(page, 'GET', '/ok')).toMatchObject({ status: 200, body: 'still here' })
  })

  test('an endless loop at the top level fails the start, not the page', async ({ page }) => {
    await open(page, 'hello-hono', '?timeout=1500')
    const starting = run(page, fixture('top-level-loop'))
    await page.getByRole('button', { name: 'Ping' }).click()
    await expect(page.locator('#pings')).toHaveText('1')
    expect(await starting).toMatch(
      /^src\/app\.ts did not finish loading within 1\.5 s: is there an endless loop at the top level/,
    )
    expect(await page.evaluate(() => window.__runtimeTest.runtime.status.state)).toBe('crashed')
    expect(await request(page, 'GET', '/ok')).toMatchObject({ status: 503, runtimeError: true })

    expect(await run(page)).toBeNull()
    expect((await request(page, 'GET', '/hello')).body).toBe('Hello, World!')
  })
})

test.describe('errors point at the learner’s file and line', () => {
  test('a syntax error names the file and line, and the app does not start', async ({ page }) => {
    await open(page, 'hello-hono')
    const error = await run(page, fixture('syntax-error'))
    expect(error).toMatch(/^src\/routes\.ts:4:\d+: SyntaxError: /)
    expect(await logs(page)).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'src/routes.ts', line: 4, source: 'app' }),
    )
    expect(await page.evaluate(() => window.__runtimeTest.runtime.status)).toMatchObject({
      state: 'crashed',
      message: error,
    })
    await expect(page.locator('#logs')).toContainText('src/routes.ts:4 SyntaxError')
  })

  test('console output and thrown errors are located in the learner’s files', async ({ page }) => {
    await open(page, 'hello-hono')
    expect(await run(page, fixture('located-logs'))).toBeNull()
    expect((await request(page, 'GET', '/log')).body).toBe('Hello, log!')
    await expect
      .poll(() => logs(page))
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: 'log',
            message: 'handling /log { n: 1 }',
            file: 'src/app.ts',
            line: 7,
          }),
          expect.objectContaining({ level: 'warn', message: 'greeting log', file: 'src/greet.ts', line: 2 }),
        ]),
      )

    expect((await request(page, 'GET', '/boom')).status).toBe(500)
    await expect
      .poll(() => logs(page))
      .toContainEqual(
        expect.objectContaining({
          level: 'error',
          file: 'src/app.ts',
          line: 12,
          message: expect.stringMatching(/^Error: boom in a handler\n\s+at .*src\/app\.ts:12:/),
        }),
      )

    expect((await request(page, 'GET', '/later')).body).toBe('scheduled')
    await expect
      .poll(() => logs(page))
      .toContainEqual(
        expect.objectContaining({
          level: 'error',
          file: 'src/app.ts',
          line: 17,
          message: expect.stringContaining('Uncaught TypeError: boom in a timer'),
        }),
      )
    // Never a generated file or blob: URL.
    for (const entry of await logs(page))
      expect(entry.message).not.toMatch(new RegExp(`blob:|worker${HASH_SUFFIX}\\.js|/vendor/`))
  })
})

test('learner code and preview scripts cannot read the course’s cookies, localStorage or IndexedDB', async ({
  page,
  context,
  baseURL,
}) => {
  await open(page, 'hello-hono')
  // The course's own stored data: progress and saved edits in localStorage and IndexedDB, and a
  // session cookie as a server sets one (HttpOnly). Cookies ignore ports, so a cookie set by the
  // course's JavaScript would be visible on a same-host sandbox origin: the course sets none, and a
  // deployment gives sandboxes their own host (docs/sandboxes.md).
  await context.addCookies([
    { name: 'course_session', value: 'secret-cookie', url: baseURL!, httpOnly: true, sameSite: 'Lax' },
  ])
  await page.evaluate(async () => {
    localStorage.setItem('course.progress.v1', 'secret-progress')
    sessionStorage.setItem('course.tab', 'secret-tab')
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('course-edits', 1)
      req.onupgradeneeded = () => req.result.createObjectStore('edits').put('secret-edit', 'hello-hono')
      req.onsuccess = () => (req.result.close(), resolve())
      req.onerror = () => reject(req.error)
    })
  })

  expect(await run(page, fixture('isolation'))).toBeNull()
  const inWorker = JSON.parse(
    (await request(page, 'GET', `/probe?course=${encodeURIComponent(baseURL!)}`)).body,
  )
  expect(inWorker).toMatchObject({
    document: 'undefined',
    localStorage: 'undefined',
    sessionStorage: 'undefined',
    cookieStore: 'undefined',
  })
  expect(inWorker.origin).not.toBe(new URL(baseURL!).origin)
  expect(inWorker.indexedDB).not.toContain('course-edits')
  expect(inWorker.courseFetch).toMatch(/^blocked/) // the course sends no CORS headers: its responses stay unreadable
  expect(JSON.stringify(inWorker)).not.toContain('secret')

  await page.evaluate(() => window.__runtimeTest.showPreview())
  const probe = page.frameLocator('#preview').locator('#probe')
  await expect(probe).toHaveText(/^\{/)
  const inPreview = JSON.parse((await probe.textContent())!)
  expect(inPreview).toMatchObject({
    cookie: '',
    localStorage: [],
    sessionStorage: [],
    parentStorage: 'blocked: SecurityError',
    parentCookie: 'blocked: SecurityError',
    topCookie: 'blocked: SecurityError',
    hello: 404,
  })
  expect(inPreview.indexedDB).not.toContain('course-edits')
  expect(inPreview.origin).not.toBe(new URL(baseURL!).origin)
  expect(JSON.stringify(inPreview)).not.toContain('secret')
})

test('runs and previews inside a cross-origin isolated page, where WebContainer lessons fall back to it', async ({
  playwright,
  baseURL,
}) => {
  // A page fulfilled by page.route() has no IP address, so Chromium's Local Network Access checks
  // would treat it as public and block its loopback frames; a real lesson page comes from the
  // course server. So this test gets its own browser with that check off.
  const browser = await playwright.chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
  })
  try {
    const page = await browser.newPage({ baseURL })
    // The headers WebContainer lesson pages get (server/isolation-headers.ts), on the test page.
    await page.route('**/test/runtime/hello-xhr-page/', async (route) => {
      const response = await route.fetch()
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        },
      })
    })
    await open(page, 'hello-xhr-page')
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
    expect(await run(page)).toBeNull()
    expect((await request(page, 'GET', '/hello')).body).toBe('Hello, World!')
    await page.evaluate(() => window.__runtimeTest.showPreview())
    const preview = page.frameLocator('#preview')
    await preview.getByRole('button', { name: 'Call with fetch' }).click()
    await expect(preview.locator('#output')).toHaveText('Hello, World!')
  } finally {
    await browser.close()
  }
})

test('stop: requests answer as a runtime error until the next run', async ({ page }) => {
  await open(page, 'hello-hono')
  expect(await run(page)).toBeNull()
  await page.evaluate(() => window.__runtimeTest.runtime.stop())
  expect(await page.evaluate(() => window.__runtimeTest.runtime.status.state)).toBe('stopped')
  const stopped = await request(page, 'GET', '/hello')
  expect(stopped).toMatchObject({ status: 503, runtimeError: true })
  expect(JSON.parse(stopped.body).error).toMatch(/not running/)
  expect(await run(page)).toBeNull()
  expect((await request(page, 'GET', '/hello')).status).toBe(200)
})
