/**
 * Phones, in Chromium's mobile emulation (Playwright's device descriptors: a phone's viewport,
 * user agent, touch and device pixel ratio): a learner reads the code before anything loads,
 * taps into Monaco and types, taps Run and Send, reaches every output panel, runs an exercise's
 * checks — and the page never scrolls sideways.
 */
import { readFileSync } from 'node:fs'
import { expect as baseExpect, test, devices } from '@playwright/test'
import { fromLearnerApp } from './engines/engine.ts'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

// A phone-sized Monaco and a cold runtime on a busy CI machine; nothing here is about speed.
const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

const FIX = readFileSync(new URL('./fixtures/sandbox-ui/hello-json-post-fix.ts', import.meta.url), 'utf8')

for (const name of ['Pixel 7', 'iPhone 14'] as const) {
  test(`on a phone (${name}): read, tap into the editor and type, tap Run and Send, every panel, checks`, async ({
    browser,
  }) => {
    // The phone's screen, touch and user agent in Chromium (the descriptor's own browser type is
    // the project's concern: iPhone 14 names WebKit, which e2e/engines/ covers).
    const { defaultBrowserType: _, ...device } = devices[name]
    expect(device.hasTouch && device.isMobile).toBe(true)
    const context = await browser.newContext(device)
    const page = await context.newPage()
    const errors: string[] = []
    // Chromium posing as iOS Safari: Monaco's Safari-only clipboard workaround starts a
    // clipboard write on every tap and cancels the previous one, rejecting the promise it handed
    // to a ClipboardItem. Safari rejects that write with NotAllowedError, which Monaco ignores;
    // Chromium rejects it with the cancellation, which Monaco logs, or leaves the handed-over
    // promise unhandled, which surfaces as an uncaught "Canceled". Real WebKit runs it without
    // either (e2e/engines/).
    const monacoSafariCancel = (text: string, at: string) =>
      device.userAgent.includes('iPhone') &&
      /\bCanceled\b/.test(text) &&
      /\/editor\.api\.[\w-]+\.js\b/.test(at)
    page.on('console', (m) => {
      if (m.type() !== 'error' || fromLearnerApp(m.location().url)) return
      if (/\bCanceled: Canceled\n\s+at /.test(m.text()) && monacoSafariCancel(m.text(), m.location().url))
        return
      errors.push(m.text())
    })
    page.on('pageerror', (e) => {
      if (e.message === 'Canceled' && monacoSafariCancel(e.message, e.stack ?? '')) return
      errors.push(`uncaught: ${e.message}`)
    })
    const width = device.viewport.width
    const noSidewaysScroll = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)

    await page.goto(LESSON)
    // Readable before any editor code loads: the static code block.
    await expect(
      page.locator('course-sandbox[data-name="hello-hono"] .sbx-static-code pre').first(),
    ).toContainText("app.get('/hello'")
    await noSidewaysScroll()

    const sandbox = await new SandboxPage(page, 'hello-hono').ready()
    await sandbox.button('run').tap()
    await expect(sandbox.status).toHaveText('200 OK')
    await expect(sandbox.responseBody).toHaveText('Hello, World!')

    // Tap the end of the code, where the learner wants to type (no key shortcut: Monaco gives an
    // iPhone user agent the Mac's keys), then type: the keyboard's text lands there.
    const lines = sandbox.root.locator('.monaco-editor .view-line')
    const tops = await lines.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top))
    await lines.nth(tops.indexOf(Math.max(...tops))).tap()
    await page.keyboard.type("\napp.get('/bye', (c) => c.text('Goodbye!'))")
    await expect
      .poll(() => sandbox.code('src/app.ts'))
      .toMatch(/export default app\n+app\.get\('\/bye', \(c\) => c\.text\('Goodbye!'\)\)\s*$/)
    await sandbox.button('run').tap()
    await expect(sandbox.button('run')).not.toHaveAttribute('data-stale', '')
    await sandbox.root.getByLabel('Path').tap()
    await sandbox.root.getByLabel('Path').fill('/bye')
    await sandbox.button('send').tap()
    await expect(sandbox.responseBody).toHaveText('Goodbye!')
    await expect(sandbox.root.locator('[data-save-status]')).toHaveText('Saved in this browser')

    // Every output panel is a tap away and fits on the screen.
    const tabs = sandbox.root.locator('[data-output]:visible')
    const keys = await tabs.evaluateAll((els) => els.map((el) => el.getAttribute('data-output')!))
    expect(keys).toEqual(expect.arrayContaining(['request', 'console']))
    for (const key of keys) {
      await sandbox.outputTab(key).tap()
      const panel = sandbox.root.locator(`[data-panel="${key}"]`)
      await expect(panel).toBeVisible()
      const box = (await panel.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(width)
    }
    await noSidewaysScroll()

    // An exercise's checks, by touch: fail on the starter, pass once fixed.
    const exercise = await new SandboxPage(page, 'hello-json-post').ready()
    await exercise.outputTab('checks').tap()
    await exercise.button('check').tap()
    await expect(exercise.root.locator('[data-checks-summary]')).toHaveText(/^\d of 5 checks pass$/)
    await exercise.setCode(FIX) // a paste: typing a whole file on a phone proves nothing more
    await exercise.button('check').tap()
    await expect(exercise.root.locator('[data-checks-summary]')).toHaveText('All 5 checks pass')
    await noSidewaysScroll()

    expect(errors).toEqual([])
    await context.close()
  })
}
