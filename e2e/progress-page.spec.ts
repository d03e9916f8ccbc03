/**
 * The progress page and moving progress between browsers, in Chromium: a passed exercise and an
 * answered quiz show on /progress/ and in the home page's "continue" link; export in one context
 * and import in a fresh one restores progress and saved code (after a confirm that says what is
 * replaced); a broken file is refused with the reason; forget everything asks first; axe-clean
 * in both themes.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { seriousViolations } from './fixtures/a11y/axe.ts'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'
import { savedCode } from './fixtures/share/storage.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 150_000 })

const FIX = readFileSync(new URL('./fixtures/sandbox-ui/hello-json-post-fix.ts', import.meta.url), 'utf8')
const LESSON_PATH = LESSON.replace(/\/$/, '')
const row = (page: Page, path = LESSON_PATH) => page.locator(`li[data-lesson-path="${path}"]`)

/** Answers every question of the lesson's quiz correctly (the right options are marked in the page). */
async function answerQuiz(page: Page) {
  for (const form of await page.locator('course-quiz form[data-question]').all()) {
    const options = form.locator('li.quiz-option')
    const correct = await options.evaluateAll((lis) => lis.map((li) => li.hasAttribute('data-correct')))
    for (const [i, right] of correct.entries()) if (right) await options.nth(i).locator('input').check()
    await form.getByRole('button', { name: 'Check answer' }).click()
    await expect(form).toHaveAttribute('data-state', 'correct')
  }
}

test('a passed exercise and an answered quiz show on the progress page and in the home page’s continue link', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.locator('[data-resume]')).toBeHidden() // no progress yet: no link
  await page.goto('/progress/')
  await expect(row(page)).toHaveAttribute('data-status', 'not-started')
  const before = await page.locator('[data-summary]').textContent()

  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  await sandbox.setCode(FIX)
  await sandbox.outputTab('checks').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText('All 5 checks pass')

  await page.goto('/progress/')
  await expect(row(page)).toHaveAttribute('data-status', 'started')
  await expect(row(page)).toContainText('1 of 1 exercise passed')
  await expect(row(page)).toContainText('Quiz not answered')

  await page.goto(LESSON)
  await answerQuiz(page)
  const questions = await page.locator('course-quiz form[data-question]').count()
  await page.goto('/progress/')
  await expect(row(page)).toHaveAttribute('data-status', 'done')
  await expect(row(page).locator('[data-status-label]')).toHaveText('Done')
  await expect(row(page)).toContainText(`Quiz ${questions} of ${questions} right (passed)`)
  const minutes = Number(await row(page).getAttribute('data-minutes'))
  const summary = (await page.locator('[data-summary]').textContent())!
  expect(summary).toMatch(/^1 of \d+ lessons done · 1 of \d+ exercises passed · about /)
  expect(summary).not.toBe(before)
  // Time left is every lesson's minutes but the finished one's.
  const total = (
    await page
      .locator('li[data-lesson-path]')
      .evaluateAll((lis) => lis.map((li) => Number((li as HTMLElement).dataset.minutes)))
  ).reduce((a, b) => a + b, 0)
  const left = total - minutes
  expect(summary).toContain(
    `about ${Math.floor(left / 60) ? `${Math.floor(left / 60)} h${left % 60 ? ` ${left % 60} min` : ''}` : `${left} min`} left`,
  )
  // The lesson is done, so "continue" goes to the next one.
  const next = await page
    .locator('li[data-lesson-path]')
    .nth(
      (await page
        .locator('li[data-lesson-path]')
        .evaluateAll(
          (lis, p) => lis.findIndex((li) => (li as HTMLElement).dataset.lessonPath === p),
          LESSON_PATH,
        )) + 1,
    )
    .getAttribute('data-lesson-path')
  await expect(page.locator('[data-resume-link]')).toHaveAttribute('href', `${next}/`)

  await page.goto('/')
  await expect(page.locator('[data-resume]')).toBeVisible()
  await expect(page.locator('[data-resume-link]')).toHaveAttribute('href', `${next}/`)
  await expect(page.locator('[data-resume-link]')).toContainText('Next up:')
})

test('export in one browser, import in a fresh one: progress and saved code come back, after a confirm', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'progress-backup-'))
  try {
    const from = await browser.newContext()
    const page = await from.newPage()
    await page.goto(LESSON)
    const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
    await sandbox.setCode(FIX)
    await expect.poll(() => savedCode(page, 'hello-json-post')).toBe(FIX)
    await answerQuiz(page)
    await page.goto('/progress/')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^backend-course-progress-\d{4}-\d\d-\d\d\.json$/)
    const file = join(dir, download.suggestedFilename())
    await download.saveAs(file)
    await expect(page.locator('[data-backup-status]')).toContainText('saved code for 1 sandbox')
    await from.close()

    const to = await browser.newContext()
    const fresh = await to.newPage()
    await fresh.goto('/progress/')
    // A file that is not a backup is refused with the reason and changes nothing.
    const broken = join(dir, 'broken.json')
    writeFileSync(
      broken,
      JSON.stringify({
        format: 'backend-course-progress',
        version: 1,
        exportedAt: 'x',
        progress: [],
        code: {},
      }),
    )
    await fresh.locator('[data-import]').setInputFiles(broken)
    await expect(fresh.locator('[data-backup-status]')).toContainText(
      'broken.json cannot be imported, and nothing was changed. exportedAt: must be a date progress: must be an object',
    )

    await fresh.locator('[data-import]').setInputFiles(file)
    const dialog = fresh.getByRole('dialog')
    await expect(dialog).toContainText('saved code for 1 sandbox (hello-json-post)')
    await expect(dialog).toContainText('nothing is replaced')
    expect(await seriousViolations(fresh, 'import dialog', 'dialog')).toEqual([])
    await dialog.getByRole('button', { name: 'Import and replace' }).click()
    await expect(fresh.locator('[data-backup-status]')).toContainText('Imported')
    await expect(row(fresh)).toHaveAttribute('data-status', 'started')
    await expect(row(fresh)).toContainText('right (passed)')

    await fresh.goto(LESSON)
    const restored = await new SandboxPage(fresh, 'hello-json-post').ready()
    expect(await restored.code('src/app.ts')).toBe(FIX)
    await expect(fresh.locator('course-quiz form[data-question]').first()).toHaveAttribute(
      'data-state',
      'correct',
    )

    // Forget everything asks first; Cancel keeps everything, confirming removes it.
    await fresh.goto('/progress/')
    await fresh.getByRole('button', { name: 'Forget everything…' }).click()
    await expect(fresh.getByRole('dialog')).toContainText('saved code in 1 sandbox')
    await fresh.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await expect(row(fresh)).toHaveAttribute('data-status', 'started')
    await fresh.getByRole('button', { name: 'Forget everything…' }).click()
    await fresh.getByRole('dialog').getByRole('button', { name: 'Forget everything' }).click()
    await expect(row(fresh)).toHaveAttribute('data-status', 'not-started')
    expect(await savedCode(fresh, 'hello-json-post')).toBeUndefined()
    await to.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the progress page is axe-clean with progress shown (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    await page.goto(LESSON)
    await answerQuiz(page)
    await page.goto('/progress/')
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
    await expect(row(page)).toHaveAttribute('data-status', 'started')
    await expect(page.locator('[data-resume]')).toBeVisible()
    expect(await seriousViolations(page, 'progress page')).toEqual([])
    await page.getByRole('button', { name: 'Forget everything…' }).click()
    expect(await seriousViolations(page, 'forget dialog')).toEqual([])
    await context.close()
  })
}
