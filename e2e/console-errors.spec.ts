/**
 * Zero console errors on every page (the product's rule): the home page, every topic and
 * lesson page with every sandbox's editor loaded (Monaco, TypeScript's worker, the runner),
 * and the 404 page. Pages are listed from content/lessons/, so a new lesson is covered
 * without touching this file.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'

const LESSONS = join(import.meta.dirname, '../content/lessons')

function coursePages(): string[] {
  const pages = ['/']
  for (const topic of readdirSync(LESSONS).sort()) {
    if (!statSync(join(LESSONS, topic)).isDirectory()) continue
    pages.push(`/lessons/${topic}/`)
    for (const file of readdirSync(join(LESSONS, topic)).sort()) {
      if (file.endsWith('.mdx')) pages.push(`/lessons/${topic}/${file.replace(/\.mdx$/, '')}/`)
    }
  }
  return pages
}

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

for (const path of coursePages()) {
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
