import { expect, test } from '@playwright/test'

const TOPICS = [
  'What backend development is',
  'Architecture and design patterns',
  'Web and application servers',
  'Databases and persistence',
  'Security and authentication',
  'Scalability and performance',
  'Deployment and monitoring',
  'Common frameworks and libraries',
  'Trends and best practices',
  'Careers and skills',
]

test('home lists the ten topics in order, each with its lessons, and a start button', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const titles = page.locator('#topics .topic-card h3')
  await expect(titles).toHaveCount(10)
  const texts = (await titles.allTextContents()).map((t) => t.trim().toLowerCase())
  // Each topic title contains its key word, in order (the exact titles are checked below, TOPICS).
  const keys = [
    'backend',
    'architecture',
    'server',
    'database',
    'security',
    'scalab',
    'deploy',
    'framework',
    'trend',
    'career',
  ]
  keys.forEach((key, i) => expect(texts[i], `topic ${i + 1}`).toContain(key))
  expect(await page.locator('#topics .topic-lessons li').count()).toBeGreaterThanOrEqual(13)
  await page.getByRole('link', { name: 'Start the course →' }).click()
  await expect(page).toHaveURL(/\/lessons\/01-[^/]+\/01-[^/]+\/$/)
})

test('a lesson navigates by sidebar and by prev/next across topics', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('link', { name: 'Start the course →' }).click()
  const outline = page.getByRole('navigation', { name: 'Course outline' })
  await expect(outline.locator('a[aria-current="page"]')).toHaveCount(1)
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'On this page' })).toBeVisible()

  // Walk "Next" to the last lesson of topic 1, then once more into topic 2.
  const topic1Lessons = await outline.locator('.topic').first().locator('.lessons a').count()
  for (let i = 1; i < topic1Lessons; i++) await page.getByRole('link', { name: /^Next →/ }).click()
  await expect(page).toHaveURL(/\/lessons\/01-/)
  await page.getByRole('link', { name: /^Next →/ }).click()
  await expect(page).toHaveURL(/\/lessons\/02-/)
  await page.getByRole('link', { name: /^← Previous/ }).click()
  await expect(page).toHaveURL(/\/lessons\/01-/)

  // Jump by the sidebar to the last topic's lesson; it becomes the current one.
  const last = outline.locator('.topic').last().locator('.lessons a').first()
  const href = await last.getAttribute('href')
  await last.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await expect(outline.locator('a[aria-current="page"]')).toHaveAttribute('href', href!)
  await expect(page.getByRole('link', { name: /^Next →/ })).toHaveCount(0)
})

test('code blocks are highlighted and have a copy button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/')
  await page.getByRole('link', { name: 'Start the course →' }).click()
  // The walk-through lesson of topic 1 has code; find the first lesson with a code block.
  const outline = page.getByRole('navigation', { name: 'Course outline' })
  const links = outline.locator('.topic').first().locator('.lessons a')
  for (let i = 0; i < (await links.count()); i++) {
    await links.nth(i).click()
    if ((await page.locator('pre.astro-code').count()) > 0) break
  }
  const block = page.locator('.code-block').first()
  await expect(block.locator('pre.astro-code span[style*="--shiki"]').first()).toBeAttached()
  await block.hover()
  await block.getByRole('button', { name: /^Copy/ }).click()
  await expect(block.getByRole('button', { name: /^Copy/ })).toHaveText('Copied')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied.length).toBeGreaterThan(5)
  expect(await block.locator('pre').innerText()).toContain(copied.split('\n')[0]!)
})

test('the theme toggle persists across reloads and follows the system without a choice', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'dark' })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByRole('button', { name: 'Switch to light theme' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  // No flash: the inline head script alone applies the stored choice, before any bundled script.
  await page.route('**/_astro/**/*.js', (route) => route.abort())
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.unroute('**/_astro/**/*.js')
  await page.reload()
  await page.getByRole('button', { name: 'Switch to dark theme' }).click()
  await page.goto('/lessons/01-what-is-backend/')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await context.close()
})

test('the outline collapses into a menu at 390×844', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('link', { name: 'Start the course →' }).click()
  const outline = page.getByRole('navigation', { name: 'Course outline' })
  await expect(outline).toBeHidden()
  const menu = page.getByRole('button', { name: 'Course menu' })
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(outline).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(outline).toBeHidden()
  await menu.click()
  const target = outline.locator('.lessons a').nth(1)
  const href = await target.getAttribute('href')
  await target.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await expect(outline).toBeHidden()
  // Nothing overflows the phone's width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await context.close()
})

// axe on every page in both themes: every-page-a11y.spec.ts.

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto('/lessons/01-what-is-backend/')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main#main')).toBeFocused()
})

test('unknown paths get the 404 page with status 404', async ({ page }) => {
  const response = await page.goto('/lessons/no-such-lesson/')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Course home' })).toBeVisible()
})

test('topic names match the course plan', async ({ page }) => {
  await page.goto('/')
  const titles = (await page.locator('#topics .topic-card h3').allTextContents()).map((t) => t.trim())
  expect(titles).toEqual(TOPICS)
})
