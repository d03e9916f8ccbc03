/**
 * Share links in Chromium: the sharer's code travels in the URL fragment; a recipient in a fresh
 * browser context sees it under a banner, their own saved code is never touched unless they
 * keep the shared code (undoable), one click switches between the two; a damaged link and code
 * too large for a link get clear messages; the banner is axe-clean in both themes.
 */
import { expect as baseExpect, test, type Browser } from '@playwright/test'
import { seriousViolations } from './fixtures/a11y/axe.ts'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'
import { savedCode } from './fixtures/share/storage.ts'

// Loading Monaco in two contexts on a busy machine takes a while; nothing here is about speed.
const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 150_000 })

const SHARED =
  "import { Hono } from 'hono'\n\nconst app = new Hono()\n\napp.get('/hello', (c) => c.text('Shared hello'))\n\nexport default app\n"
const OWN =
  "import { Hono } from 'hono'\n\nconst app = new Hono()\n\napp.get('/hello', (c) => c.text('My own hello'))\n\nexport default app\n"

/** A sharer in their own context writes code in hello-hono and presses Share; returns the link. */
async function makeShareLink(browser: Browser, code = SHARED): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  await sandbox.setCode(code)
  await sandbox.button('share').click()
  const field = sandbox.root.locator('.sbx-notice-field input')
  await expect(field).toHaveValue(/#share=hello-hono\./)
  const link = await field.inputValue()
  await context.close()
  return link
}

test('a share link opened in a fresh context shows the shared code and leaves the recipient’s own code intact; one click switches', async ({
  browser,
}) => {
  const link = await makeShareLink(browser)
  console.log(`share link for hello-hono with a one-line edit: ${link.length} characters`)

  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(LESSON)
  const own = await new SandboxPage(page, 'hello-hono').ready()
  await own.setCode(OWN)
  await expect.poll(() => savedCode(page, 'hello-hono')).toBe(OWN)

  await page.goto('/')
  await page.goto(link)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  const banner = sandbox.root.locator('[data-share-banner]')
  await expect(banner).toContainText('Shared code.')
  await expect(banner).toContainText('Your own code is kept')
  expect(await sandbox.code('src/app.ts')).toBe(SHARED)
  await expect(sandbox.root.locator('[data-save-status]')).toHaveText('Shared code, not saved')
  expect(await savedCode(page, 'hello-hono')).toBe(OWN)

  // The shared code runs when the learner presses Run (never before).
  await sandbox.button('run').click()
  await expect(sandbox.responseBody).toHaveText('Shared hello')

  // Edits to the shared code stay on this page: the saved code is still the recipient's.
  await sandbox.setCode(SHARED.replace('Shared hello', 'Shared, then edited'))
  await page.waitForTimeout(600) // past the 300 ms save debounce, so a wrong save would have happened
  expect(await savedCode(page, 'hello-hono')).toBe(OWN)

  await banner.getByRole('button', { name: 'Show my code' }).click()
  expect(await sandbox.code('src/app.ts')).toBe(OWN)
  await expect(banner).toContainText('Your code.')
  await banner.getByRole('button', { name: 'Show shared code' }).click()
  expect(await sandbox.code('src/app.ts')).toContain('Shared, then edited')
  expect(await savedCode(page, 'hello-hono')).toBe(OWN)

  // Keeping the shared code is the one way it replaces theirs, and Undo brings theirs back.
  await banner.getByRole('button', { name: 'Keep the shared code' }).click()
  await expect(banner).toHaveCount(0)
  await expect.poll(() => savedCode(page, 'hello-hono')).toContain('Shared, then edited')
  expect(new URL(page.url()).hash).toBe('')
  await sandbox.root.locator('[data-notice]').getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => savedCode(page, 'hello-hono')).toBe(OWN)
  expect(await sandbox.code('src/app.ts')).toBe(OWN)
  await context.close()
})

test('a damaged share link says so and changes nothing; so does a link for a sandbox not on the page', async ({
  browser,
}) => {
  const link = await makeShareLink(browser)
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(LESSON)
  const own = await new SandboxPage(page, 'hello-hono').ready()
  await own.setCode(OWN)
  await expect.poll(() => savedCode(page, 'hello-hono')).toBe(OWN)

  await page.goto('/')
  await page.goto(link.slice(0, -15))
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  const banner = sandbox.root.locator('[data-share-banner]')
  await expect(banner).toContainText('This share link cannot be opened: it is cut short or was changed')
  await expect(banner).toContainText('Your code is unchanged')
  expect(await sandbox.code('src/app.ts')).toBe(OWN)
  expect(await savedCode(page, 'hello-hono')).toBe(OWN)
  await banner.getByRole('button', { name: 'Close' }).click()
  await expect(banner).toHaveCount(0)

  await page.goto('/')
  await page.goto(`${LESSON}#share=tasks-db.abc`)
  await expect(page.getByRole('alert')).toContainText('for the sandbox "tasks-db", which is not on this page')
  await context.close()
})

test('code too large for a link gets a clear message that offers the download', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-hono').ready()
  // Random text does not compress: about 24 KB of it cannot fit in an 8000-character link.
  const noise = Array.from(
    { length: 600 },
    (_, i) => `// ${(Math.sin(i + 1) * 1e16).toString(36)}${(Math.cos(i) * 1e16).toString(36)}`,
  ).join('\n')
  await sandbox.setCode(`${SHARED}\n${noise}\n`)
  await sandbox.button('share').click()
  const notice = sandbox.root.locator('[data-notice]')
  await expect(notice).toContainText('Your code is too large for a share link')
  await expect(notice).toContainText('share links stay under 8,000')
  await expect(notice.getByRole('button', { name: 'Download' })).toBeVisible()
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the share banner is axe-clean (${colorScheme})`, async ({ browser }) => {
    const link = await makeShareLink(browser)
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    await page.goto(link)
    const sandbox = await new SandboxPage(page, 'hello-hono').ready()
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
    const banner = sandbox.root.locator('[data-share-banner]')
    await expect(banner).toContainText('Shared code.')
    expect(await seriousViolations(page, 'shared view', 'course-sandbox[data-name="hello-hono"]')).toEqual([])
    await banner.getByRole('button', { name: 'Show my code' }).click()
    await expect(banner).toContainText('Your code.')
    expect(await seriousViolations(page, 'own view', 'course-sandbox[data-name="hello-hono"]')).toEqual([])
    await context.close()
  })
}
