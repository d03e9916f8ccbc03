/**
 * The sandbox's interactive states, keyboard use and screen-reader announcements, in a real
 * Chromium against the production server. Which lessons: the first built lesson with an
 * exercise (a Checks tab), the first with a preview and the first with a database (Data and
 * Load tabs, each used: rows, a refused statement, a finished load run), found in the build,
 * not named here, so the spec follows the course as it is rewritten. Every output panel the sandbox has is
 * opened, including ones added later.
 */
import { readFileSync } from 'node:fs'
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test'
import { builtPageFiles, seriousViolations } from './fixtures/a11y/axe.ts'

// Loading Monaco and starting an app can take seconds on a busy CI machine.
const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 180_000 })

const lessons = builtPageFiles().filter((p) => p.path.startsWith('/lessons/'))
const firstWith = (marker: string) => lessons.find((p) => readFileSync(p.file, 'utf8').includes(marker))?.path
const EXERCISE = firstWith('data-output="checks"')
const PREVIEW = firstWith('data-output="preview"')
const LOAD = firstWith('data-output="load"')
const DATA = firstWith('data-output="data"')

async function liveSandbox(page: Page, path: string, output: string): Promise<Locator> {
  await page.goto(path)
  const sandbox = page
    .locator('course-sandbox')
    .filter({ has: page.locator(`[data-output="${output}"]`) })
    .first()
  await sandbox.scrollIntoViewIfNeeded()
  await expect(sandbox).toHaveAttribute('data-state', 'ready', { timeout: 45_000 })
  await expect(sandbox.locator('.monaco-editor').first()).toBeVisible()
  return sandbox
}

/** Opens every output tab of a sandbox in turn, doing what each is for, and runs axe on each state. */
async function everyPanel(page: Page, sandbox: Locator, where: string): Promise<string[]> {
  const id = await sandbox.getAttribute('id')
  const scope = `#${id}`
  const problems = await seriousViolations(page, `${where} editor loaded`, scope)
  await sandbox.locator('[data-action="run"]').click()
  await expect(sandbox).toHaveAttribute('data-runtime-state', 'running')
  const tabs = sandbox.locator('[data-output-tabs] [role="tab"]')
  for (const key of await tabs.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.output!))) {
    await sandbox.locator(`[data-output="${key}"]`).click()
    const panel = sandbox.locator(`[data-panel="${key}"]`)
    await expect(panel).toBeVisible()
    if (key === 'request') {
      await panel.locator('[data-action="send"]').click()
      await expect(panel.locator('.sbx-response-head .sbx-status')).toBeVisible()
      await panel.locator('.sbx-response-headers summary').click()
    } else if (key === 'checks') {
      await panel.locator('[data-action="check"]').click()
      await expect(panel.locator('.sbx-check').first()).toHaveAttribute('data-state', /passed|failed/)
    } else if (key === 'preview') {
      await expect(panel.locator('iframe')).toBeVisible()
    } else if (key === 'data') {
      // A table's rows, then a statement Postgres refuses (the error with its position).
      await expect(panel.locator('[data-data-result] table')).toBeVisible({ timeout: 150_000 })
      await panel.locator('[data-data-sql]').fill('SELEC 1')
      await panel.locator('[data-data-form] button[type="submit"]').click()
      await expect(panel.locator('.sbx-data-error')).toBeVisible()
    } else if (key === 'load') {
      // A finished run: its figures, the histogram and the status counts.
      await panel.getByLabel('Requests', { exact: true }).fill('20')
      await panel.getByRole('button', { name: 'Start' }).click()
      await expect(panel.locator('.sbx-load-run[data-run="current"]')).toBeVisible({ timeout: 150_000 })
    }
    problems.push(...(await seriousViolations(page, `${where} ${key} panel`, scope)))
  }
  await sandbox.locator('[data-action="help"]').click()
  await expect(sandbox.getByRole('dialog', { name: 'Keyboard help' })).toBeVisible()
  problems.push(...(await seriousViolations(page, `${where} help dialog`, scope)))
  await page.keyboard.press('Escape')
  await sandbox.locator('[data-action="expand"]').click()
  await expect(sandbox).toHaveAttribute('data-expanded', '')
  problems.push(...(await seriousViolations(page, `${where} expanded`, scope)))
  await sandbox.locator('[data-action="expand"]').click()
  return problems
}

test('the build has an exercise, a preview and a database sandbox to drive', () => {
  expect(EXERCISE, 'a lesson with a Checks tab').toBeTruthy()
  expect(PREVIEW, 'a lesson with a Preview tab').toBeTruthy()
  expect(DATA, 'a lesson with a Data tab').toBeTruthy()
})

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [kind, output] of [
    ['exercise', 'checks'],
    ['preview', 'preview'],
    ['database', 'data'],
  ] as const) {
    test(`a live ${kind} sandbox with each output panel open: no serious axe violations (${colorScheme})`, async ({
      browser,
    }) => {
      // A database sandbox may first create its database (Postgres compiled, initdb): slow on a busy machine.
      test.setTimeout(kind === 'database' ? 360_000 : 240_000)
      const path = { exercise: EXERCISE!, preview: PREVIEW!, database: DATA! }[kind]
      const context = await browser.newContext({ colorScheme })
      const page = await context.newPage()
      const problems = await everyPanel(page, await liveSandbox(page, path, output), `${path} ${kind}`)
      await context.close()
      expect(problems).toEqual([])
    })
  }
}

/** What has focus, in words a test can compare: its action, role or element, and whether a focus ring shows. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { what: 'body', inside: false, ring: false, sandbox: '' }
    const sandbox = el.closest('course-sandbox')
    const what = el.closest('.monaco-editor')
      ? 'editor'
      : el.dataset.action
        ? `action:${el.dataset.action}`
        : el.getAttribute('role') === 'tab'
          ? `tab:${el.dataset.file ? 'file' : el.dataset.output}`
          : el.getAttribute('role') === 'separator'
            ? 'splitter'
            : el.dataset.field
              ? `field:${el.dataset.field}`
              : el.tagName.toLowerCase()
    const style = getComputedStyle(el)
    const ring =
      el.matches(':focus-visible') &&
      ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none')
    return { what, inside: Boolean(sandbox), ring, sandbox: sandbox?.id ?? '' }
  })
}

test('keyboard: every sandbox action is reachable with Tab, shows focus, and the editor lets Tab out', async ({
  page,
}) => {
  const sandbox = await liveSandbox(page, EXERCISE!, 'checks')
  await sandbox.locator('[data-action="run"]').click()
  await expect(sandbox.locator('[data-action="stop"]')).toBeEnabled()
  // Reach the first control with the keyboard, so focus rings show as they do for a keyboard user.
  await sandbox.locator('[data-action="help"]').focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  expect((await focusState(page)).what).toBe('action:help')
  const reached = new Map<string, boolean>()
  const hint = sandbox.locator('[data-editor-hint]')
  for (let i = 0; i < 60; i++) {
    const state = await focusState(page)
    if (!state.inside) break
    if (state.what === 'editor') {
      // The way out is on screen, and true.
      await expect(hint).toBeVisible()
      await expect(hint).toContainText('Esc then Tab leaves the editor')
      await page.keyboard.press('Escape')
      await expect(hint).toContainText('Tab moves focus')
      reached.set('editor', true)
    } else if (!reached.has(state.what)) reached.set(state.what, state.ring)
    await page.keyboard.press('Tab')
  }
  await expect(hint).toBeHidden()
  const actions = [...reached.keys()]
  for (const expected of [
    'action:help',
    'action:expand',
    'action:run',
    'action:stop',
    'action:reset',
    'action:solve',
    'tab:file',
    'editor',
    'splitter',
    'tab:request',
    'field:method',
    'field:path',
    'action:send',
  ])
    expect(actions, expected).toContain(expected)
  expect(
    [...reached].filter(([, ring]) => !ring).map(([what]) => what),
    'focused without a visible ring',
  ).toEqual([])

  // Output tabs by arrow keys; the Checks panel's button is the next Tab stop.
  await sandbox.locator('[data-output="request"]').focus()
  await page.keyboard.press('End')
  await expect(sandbox.locator('[data-output-tabs] [aria-selected="true"]')).toBeFocused()
  await sandbox.locator('[data-output="checks"]').focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  expect((await focusState(page)).what).toBe('action:check')

  // Shift+Tab after Escape leaves backwards, to the file tabs.
  await sandbox.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Tab')
  expect((await focusState(page)).what).toBe('tab:file')
  // Other keys after Escape go back to Tab indenting.
  await sandbox.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('End')
  await page.keyboard.press('Tab')
  expect((await focusState(page)).what).toBe('editor')
})

test('keyboard: focus stays put when panels re-render (send, check, stop, undo)', async ({ page }) => {
  const sandbox = await liveSandbox(page, EXERCISE!, 'checks')
  const send = sandbox.locator('[data-action="send"]')
  await send.focus()
  await page.keyboard.press('Enter')
  await expect(sandbox.locator('.sbx-response-head .sbx-status')).toBeVisible()
  await expect(send).toBeFocused()

  await sandbox.locator('[data-output="checks"]').click()
  const check = sandbox.locator('[data-action="check"]')
  await check.focus()
  await page.keyboard.press('Enter')
  await expect(sandbox.locator('.sbx-check').first()).toHaveAttribute('data-state', /passed|failed/)
  await expect(check).toBeFocused()

  const stop = sandbox.locator('[data-action="stop"]')
  await stop.focus()
  await page.keyboard.press('Enter')
  await expect(stop).toBeDisabled()
  await expect(sandbox.locator('[data-action="run"]')).toBeFocused()

  const solve = sandbox.locator('[data-action="solve"]')
  await solve.focus()
  await page.keyboard.press('Enter')
  const undo = sandbox.locator('[data-notice]').getByRole('button', { name: 'Undo' })
  await undo.focus()
  await page.keyboard.press('Enter')
  await expect(undo).toBeHidden()
  await expect(solve).toBeFocused()
})

test('keyboard: the Load panel keeps focus on Start through a run, and Stop hands it back to Start', async ({
  page,
}) => {
  // The first Start may create the sandbox's database (Postgres compiled, initdb): slow on a busy machine.
  test.setTimeout(360_000)
  expect(LOAD, 'a lesson with a Load tab').toBeTruthy()
  const sandbox = await liveSandbox(page, LOAD!, 'load')
  await sandbox.locator('[data-output="load"]').click()
  const panel = sandbox.locator('[data-panel="load"]')
  const start = panel.getByRole('button', { name: 'Start' })
  const stop = panel.getByRole('button', { name: 'Stop' })
  await expect(stop).toHaveAttribute('aria-disabled', 'true')
  await panel.getByLabel('Requests', { exact: true }).fill('20')
  await start.focus()
  await page.keyboard.press('Enter')
  await expect(panel.locator('.sbx-load-run[data-run="current"]')).toBeVisible({ timeout: 150_000 })
  await expect(start).toBeFocused()

  await panel.getByLabel('Requests', { exact: true }).fill('10000')
  await panel.getByLabel('At once', { exact: true }).fill('1')
  await start.click()
  await expect(stop).not.toHaveAttribute('aria-disabled')
  await stop.focus()
  await page.keyboard.press('Enter')
  await expect(panel.locator('.sbx-load-run[data-run="current"] .sbx-load-note')).toContainText(
    'stopped after',
  )
  await expect(stop).toHaveAttribute('aria-disabled', 'true')
  await expect(start).toBeFocused()
})

test('reduced motion: nothing animates or transitions, and the editor caret stops blinking', async ({
  browser,
}) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' })
  const page = await context.newPage()
  const sandbox = await liveSandbox(page, EXERCISE!, 'checks')
  await sandbox.locator('.monaco-editor').first().click()
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) => {
      const style = getComputedStyle(el)
      const seconds = (list: string) =>
        Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)))
      const long =
        seconds(style.transitionDuration) > 0.001 ||
        (style.animationName !== 'none' && seconds(style.animationDuration) > 0.001)
      return long ? [`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`] : []
    }),
  )
  expect(moving).toEqual([])
  await expect(sandbox.locator('.monaco-editor .cursors-layer').first()).toHaveClass(/cursor-solid/)
  await context.close()
})

test('screen readers: panels and tabs are named, and run, responses and checks are announced briefly', async ({
  page,
}) => {
  const sandbox = await liveSandbox(page, EXERCISE!, 'checks')
  const live = sandbox.getByRole('status')
  await expect(live).toHaveAttribute('aria-live', 'polite')
  const announced: string[] = []
  await live.evaluate((el) => {
    new MutationObserver(() => {
      if (el.textContent) (window as unknown as { announced: string[] }).announced.push(el.textContent)
    }).observe(el, { childList: true, characterData: true, subtree: true })
    ;(window as unknown as { announced: string[] }).announced = []
  })
  const said = async () => {
    announced.splice(
      0,
      announced.length,
      ...(await page.evaluate(() => (window as unknown as { announced: string[] }).announced)),
    )
    return announced
  }

  // Names: the region, both tablists, every tab and its panel.
  await expect(sandbox).toHaveAccessibleName(/.+/)
  await expect(sandbox.getByRole('tablist', { name: 'Files' })).toBeVisible()
  await expect(sandbox.getByRole('tablist', { name: 'Output' })).toBeVisible()
  for (const tab of await sandbox.locator('[data-output-tabs] [role="tab"]').all()) {
    const name = (await tab.innerText()).trim().split('\n')[0]!
    await tab.click()
    await expect(sandbox.getByRole('tabpanel', { name })).toBeVisible()
  }
  await expect(sandbox.getByRole('region', { name: 'Code' })).toBeVisible()
  await expect(sandbox.getByRole('textbox', { name: /Code editor: .*Escape then Tab/ })).toBeAttached()

  // Run + send: "running", then one line for the answer. The body itself is not read out.
  await sandbox.locator('[data-output="request"]').click()
  await sandbox.locator('[data-action="run"]').click()
  await expect.poll(said).toContainEqual(expect.stringMatching(/^[A-Z]+ \/\S*: \d{3} .* in [\d.]+ ms$/))
  expect(announced).toContain('Your app is running.')
  const bodyLive = await sandbox
    .locator('.sbx-response-body')
    .evaluate(
      (el) =>
        el.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"]')?.outerHTML ?? null,
    )
  expect(bodyLive, 'the response body is not inside a live region').toBeNull()

  await sandbox.locator('[data-output="checks"]').click()
  await sandbox.locator('[data-action="check"]').click()
  await expect.poll(said).toContainEqual(expect.stringMatching(/^(All \d+|\d+ of \d+) checks? pass(es)?$/))

  await sandbox.locator('[data-action="stop"]').click()
  await expect.poll(said).toContain('Your app stopped.')
  for (const text of announced) expect(text.length, text).toBeLessThan(160)
})

test('forced colours: the selected tab keeps its Highlight underline and the editor its high-contrast theme', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' })
  const sandbox = await liveSandbox(page, EXERCISE!, 'checks')
  // The selected tab is marked by an underline drawn as a background; forced colours would
  // erase it unless it opts out and takes the system's Highlight.
  const marks = await sandbox.locator('.sbx-tab[aria-selected="true"]').evaluateAll((tabs) =>
    tabs.map((tab) => {
      const probe = document.createElement('div')
      probe.style.cssText = 'forced-color-adjust:none;background:Highlight'
      document.body.append(probe)
      const highlight = getComputedStyle(probe).backgroundColor
      probe.remove()
      return { underline: getComputedStyle(tab, '::after').backgroundColor, highlight }
    }),
  )
  expect(marks.length).toBeGreaterThan(0)
  for (const mark of marks) expect(mark.underline).toBe(mark.highlight)
  // Monaco switches to its high-contrast theme instead of painting forced colours black on black.
  await expect(sandbox.locator('.monaco-editor').first()).toHaveClass(/hc-(black|light)/)
})
