/**
 * The sandbox as a learner uses it, in a real Chromium against the production server, offline:
 * topic 1's lesson "Your first endpoint" embeds hello-hono, hello-xhr-page, hello-react-page
 * and the hello-json-post exercise.
 */
import { readFileSync } from 'node:fs'
import { expect as baseExpect, test } from '@playwright/test'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

// Starting an app the first time (runner frame, vendored packages, worker) can take seconds on
// a busy CI machine; no assertion here is about speed (bench/lesson-page measures that).
const expect = baseExpect.configure({ timeout: 30_000 })

const FIX = readFileSync(new URL('./fixtures/sandbox-ui/hello-json-post-fix.ts', import.meta.url), 'utf8')

// Each test loads Monaco and TypeScript's worker and runs an app: slower than a page check.
test.describe.configure({ timeout: 120_000 })

/** Requests that leave this machine; the course must work with none. */
let external: string[] = []
test.beforeEach(async ({ page }) => {
  external = []
  page.on('request', (request) => {
    if (!/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:|about:)/.test(request.url()))
      external.push(request.url())
  })
})
test.afterEach(() => {
  expect(external, 'requests to the internet').toEqual([])
})

test('a lesson page loads no editor code until the sandbox nears the viewport', async ({ page }) => {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || /\.js(\?|$)/.test(request.url())) scripts.push(request.url())
  })
  await page.goto(LESSON)
  await expect(page.locator('course-sandbox').first()).toHaveAttribute('data-state', 'static')
  // The server-rendered starter is readable before any editor loads.
  await expect(
    page.locator('course-sandbox[data-name="hello-hono"] .sbx-static-code pre').first(),
  ).toContainText("app.get('/hello'")
  await page.waitForLoadState('networkidle')
  expect(scripts.filter((url) => /editor\.api|sandbox-app|ts\.worker/.test(url))).toEqual([])

  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  expect(scripts.some((url) => /sandbox-app/.test(url))).toBe(true)
  await expect(sandbox.root.locator('.sbx-static-code').first()).toBeHidden()
})

test('edit hello-hono with the keyboard, Run, send a request and see the new answer; the edit survives a reload', async ({
  page,
}) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()

  await sandbox.button('run').click()
  await expect(sandbox.status).toHaveText('200 OK')
  await expect(sandbox.responseBody).toHaveText('Hello, World!')

  await sandbox.typeAtEnd("app.get('/bye', (c) => c.text('Goodbye!'))")
  expect(await sandbox.code('src/app.ts')).toContain("app.get('/bye', (c) => c.text('Goodbye!'))")
  await expect(sandbox.button('run')).toHaveAttribute('data-stale', '')

  await page.keyboard.press('ControlOrMeta+Enter') // Run from the editor
  await expect(sandbox.button('run')).not.toHaveAttribute('data-stale', '')
  await sandbox.root.getByLabel('Path').fill('/bye')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('200 OK')
  await expect(sandbox.responseBody).toHaveText('Goodbye!')
  await expect(sandbox.root.locator('.sbx-response-meta')).toContainText(/\d+(\.\d)? ms/)

  // History offers both requests; "copy as curl" gives a command for a real terminal.
  await sandbox.root.locator('[data-history] summary').click()
  await expect(sandbox.root.locator('.sbx-history-item')).toHaveCount(2)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await sandbox.button('copy-curl').click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('curl -i http://localhost:3000/bye')

  await expect(sandbox.root.locator('[data-save-status]')).toHaveText('Saved in this browser')
  await page.reload()
  const again = await new SandboxPage(page, 'hello-hono').ready()
  expect(await again.code('src/app.ts')).toContain("app.get('/bye'")
  await expect(again.root.locator('[data-save-status]')).toHaveText('Your saved code')
})

test('keys typed just before a reload are saved: the page saves what is pending as it goes', async ({
  page,
}) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  await sandbox.typeAtEnd('// the last keys')
  // At once, inside the save delay: nothing would be saved yet without the save on leaving.
  await page.reload()
  const again = await new SandboxPage(page, 'hello-hono').ready()
  expect(await again.code('src/app.ts')).toContain('// the last keys')
  await expect(again.root.locator('[data-save-status]')).toHaveText('Your saved code')
})

test('fix the hello-json-post exercise: checks fail first, then all pass and the lesson is complete', async ({
  page,
}) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()

  await sandbox.outputTab('checks').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText(/^\d of 5 checks pass$/)
  const failed = sandbox.root.locator('.sbx-check[data-state="failed"]').first()
  await expect(failed.locator('.sbx-check-block[data-kind="expected"]')).toContainText('400')
  await expect(failed.locator('.sbx-check-block[data-kind="actual"]')).toContainText('Status')
  await expect(failed.locator('.sbx-check-hint')).toBeVisible()

  const progressEvent = page.evaluate(
    () =>
      new Promise<boolean>((resolve) =>
        addEventListener('course:progress', () => resolve(true), { once: true }),
      ),
  )
  await sandbox.setCode(FIX)
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText('All 5 checks pass')
  await expect(sandbox.root.locator('.sbx-check[data-state="passed"]')).toHaveCount(5)
  await expect(sandbox.root.locator('.sbx-checks-done')).toBeVisible()
  expect(await progressEvent).toBe(true)
  const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('course.progress.v1') ?? '{}'))
  // The exercise is recorded; the lesson completes when its quiz is answered too (e2e/quiz.spec.ts).
  expect(
    progress['/lessons/01-what-is-backend/04-your-first-endpoint']?.exercises?.['hello-json-post'],
  ).toMatch(/^\d{4}-\d\d-\d\dT/)

  // The request panel reaches the same running app: missing name → 400.
  await sandbox.outputTab('request').click()
  await sandbox.root.getByLabel('Request body').fill('{}')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('400 Bad Request')
  await expect(sandbox.responseBody).toHaveText('{\n  "error": "Missing name parameter"\n}')
})

test('Reset and Solve are undoable, with the button and with Ctrl+Z', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  const starter = await sandbox.code()
  await sandbox.typeAtEnd('// my note')
  const mine = await sandbox.code()
  expect(mine).toContain('// my note')

  await sandbox.button('reset').click()
  expect(await sandbox.code()).toBe(starter)
  await sandbox.root.locator('[data-notice]').getByRole('button', { name: 'Undo' }).click()
  expect(await sandbox.code()).toBe(mine)

  await sandbox.button('solve').click()
  expect(await sandbox.code()).toContain("return c.json({ error: 'Missing name parameter' }, 400)")
  await sandbox.root.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('ControlOrMeta+Z')
  expect(await sandbox.code()).toBe(mine)

  // A reload right after Reset still offers the learner's code back.
  await sandbox.button('reset').click()
  // The save is debounced: its status line changes only once the starter is stored.
  await expect(sandbox.root.locator('[data-save-status]')).toHaveText('Starter code')
  await page.reload()
  const again = await new SandboxPage(page, 'hello-json-post').ready()
  expect(await again.code()).toBe(starter)
  await again.root.locator('[data-notice]').getByRole('button', { name: 'Bring it back' }).click()
  expect(await again.code()).toBe(mine)
})

test('TypeScript knows hono: a type error shows a red squiggle and a problem on the tab', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  await sandbox.typeAtEnd("app.gett('/oops', (c) => c.text('x'))\nconst count: number = 'three'")
  // TypeScript's worker (a few MB) starts with the editor; on a busy machine it takes a while.
  await expect(sandbox.root.locator('.monaco-editor .squiggly-error').first()).toBeVisible({
    timeout: 90_000,
  })
  await expect
    .poll(() => sandbox.problems(), { timeout: 30_000 })
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Property 'gett' does not exist on type 'Hono</),
        expect.stringMatching(/Type 'string' is not assignable to type 'number'/),
      ]),
    )
  // The starter's lines (1–7) have no errors: hono's types (and the context `c`) resolved.
  expect((await sandbox.problems()).filter((p) => Number(p.split(':')[0]) < 8)).toEqual([])
  await expect(sandbox.root.locator('[data-file="src/app.ts"][role="tab"]')).toHaveAttribute(
    'data-errors',
    '',
  )

  // Completions come from hono's types too: the context `c` offers json().
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type("\napp.get('/x', (c) => c.js")
  await expect(page.locator('.suggest-widget .monaco-list-row', { hasText: 'json' }).first()).toBeVisible({
    timeout: 30_000,
  })
})

test('console shows the app logs with a link that jumps to the line', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  await sandbox.setCode(
    [
      "import { Hono } from 'hono'",
      '',
      'const app = new Hono()',
      '',
      "app.get('/hello', (c) => {",
      "  console.log('greeting', c.req.path)",
      "  return c.text('Hello, World!')",
      '})',
      '',
      'export default app',
      '',
    ].join('\n'),
  )
  await sandbox.button('run').click()
  await expect(sandbox.responseBody).toHaveText('Hello, World!')
  await sandbox.outputTab('console').click()
  const entry = sandbox.root.locator('.sbx-log-entry', { hasText: 'greeting /hello' })
  await expect(entry).toBeVisible()
  await entry.locator('.sbx-log-location').click()
  const line = await sandbox.root.evaluate(
    (el) =>
      (
        el as unknown as { sandbox: { editor: { editor: { getPosition(): { lineNumber: number } } } } }
      ).sandbox.editor.editor.getPosition().lineNumber,
  )
  expect(line).toBe(6)
})

test('the XHR page runs in the preview and calls the app', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-xhr-page').ready()
  await sandbox.button('run').click()
  const preview = sandbox.root.frameLocator('.sbx-preview-iframe')
  await preview.getByRole('button', { name: 'Call with XMLHttpRequest' }).click()
  await expect(preview.locator('#output')).toHaveText('Hello, World!')
})

test('the editor follows the site theme', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  const background = () =>
    sandbox.root
      .locator('.monaco-editor-background')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor)
  const codeBg = () =>
    page.evaluate(() => {
      const probe = document.createElement('span')
      probe.style.color = 'var(--code-bg)'
      document.body.append(probe)
      const color = getComputedStyle(probe).color
      probe.remove()
      return color
    })
  await expect.poll(background).toBe(await codeBg())
  const before = await background()
  await page.locator('theme-toggle button').click()
  await expect.poll(background).not.toBe(before)
  await expect.poll(background).toBe(await codeBg())
})

// axe with every panel open, both themes: sandbox-a11y.spec.ts.

test('keyboard: tabs, divider and help are reachable and labelled', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  const requestTab = sandbox.outputTab('request')
  await requestTab.focus()
  await page.keyboard.press('ArrowRight')
  await expect(sandbox.outputTab('console')).toBeFocused()
  await expect(sandbox.outputTab('console')).toHaveAttribute('aria-selected', 'true')
  await expect(sandbox.root.locator('[data-panel="console"]')).toBeVisible()

  const divider = sandbox.root.getByRole('separator', { name: 'Resize code and output' })
  const before = await sandbox.root.locator('[data-editor]').boundingBox()
  await divider.focus()
  await page.keyboard.press('ArrowDown')
  await expect
    .poll(async () => (await sandbox.root.locator('[data-editor]').boundingBox())!.height)
    .toBeGreaterThan(before!.height)

  await sandbox.root.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Alt+F1')
  const dialog = sandbox.root.getByRole('dialog', { name: 'Keyboard help' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test.describe('at 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the sandbox stacks, runs and answers without sideways scrolling', async ({ page }) => {
    await page.goto(LESSON)
    const sandbox = await new SandboxPage(page, 'hello-hono').ready()
    await sandbox.button('run').tap()
    await expect(sandbox.responseBody).toHaveText('Hello, World!')
    const box = await sandbox.root.boundingBox()
    expect(box!.width).toBeLessThanOrEqual(390)
    const editor = await sandbox.root.locator('[data-editor]').boundingBox()
    const output = await sandbox.root.locator('[data-output-pane]').boundingBox()
    expect(output!.y).toBeGreaterThan(editor!.y + editor!.height - 1) // stacked, not side by side
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('every file of the sandbox is readable', async ({ page }) => {
    await page.goto(LESSON)
    const sandbox = page.locator('course-sandbox[data-name="hello-xhr-page"]')
    await expect(sandbox.locator('.sbx-static-code[data-file="public/index.html"]')).toContainText(
      'XMLHttpRequest',
    )
    await expect(sandbox.locator('.sbx-static-code[data-file="src/app.ts"]')).toBeVisible()
    await expect(sandbox.locator('.sbx-noscript')).toBeVisible()
    await expect(sandbox.locator('[data-action="run"]')).toBeHidden()
  })
})
