/**
 * Zero console errors on every page (the product's rule): every page the build produced (home,
 * topics, lessons with every sandbox's editor loaded, Monaco, TypeScript's worker, the runner;
 * the progress page), listed from the build, so a new page is covered without touching this
 * file; and the 404 page.
 */
import { expect, test, type Page } from '@playwright/test'
import { builtPages } from './fixtures/a11y/axe.ts'

/** The 404 page has its own test: its status is an error the console reports. */
const PAGES = builtPages().filter((path) => path !== '/no-such-page/')

/** Console errors and uncaught exceptions of the page and its frames. */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  return errors
}

// Loading several editors is slow on a shared CI machine; nothing here is about speed.
test.describe.configure({ timeout: 180_000 })

test('the build has the home, topic, lesson and progress pages', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/progress/', '/lessons/01-what-is-backend/']))
})

for (const path of PAGES) {
  test(`no console errors on ${path}`, async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto(path)
    const sandboxes = page.locator('course-sandbox')
    const count = await sandboxes.count()
    for (let i = 0; i < count; i++) {
      const sandbox = sandboxes.nth(i)
      await sandbox.scrollIntoViewIfNeeded()
      await expect(sandbox).toHaveAttribute('data-state', 'ready', { timeout: 60_000 })
      await expect(sandbox.locator('.monaco-editor').first()).toBeVisible()
    }
    // Monaco reports missing services while it constructs an editor, so they are in by now.
    expect(errors).toEqual([])
  })
}

test('no console errors on the 404 page', async ({ page, baseURL }) => {
  const errors = collectErrors(page)
  const response = await page.goto('/no-such-page/')
  expect(response?.status()).toBe(404)
  // Chromium reports the page's own 404 status as a failed load; nothing else may appear.
  const own = `Failed to load resource: the server responded with a status of 404 (Not Found) (${baseURL}/no-such-page/)`
  expect(errors.filter((error) => error !== own)).toEqual([])
})
