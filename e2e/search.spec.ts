/**
 * Search and reach: the header's search (Pagefind, loaded only when opened) found by
 * keyboard, the jump to the heading, the dialog's accessibility in both themes and at 390 px;
 * sitemap.xml, llms.txt and a lesson's Markdown as the built site serves them.
 */
import { expect, test, type Page } from '@playwright/test'
import { builtPages } from './fixtures/a11y/axe.ts'
import { seriousViolations } from './fixtures/a11y/axe.ts'

const LESSON = '/lessons/03-web-and-application-servers/02-headers-caching-and-static-files/'
// A phrase from the body of that lesson, under its "Headers" heading, found in no other lesson.
const PHRASE = 'convention was retired'

const lessons = builtPages().filter((p) => /^\/lessons\/[^/]+\/[^/]+\/$/.test(p))

function pagefindRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) urls.push(new URL(request.url()).pathname)
  })
  return urls
}

test('/ opens the search; a phrase from a lesson body is found, and Enter jumps to that lesson and heading', async ({
  page,
}) => {
  const fetched = pagefindRequests(page)
  await page.goto('/lessons/01-what-is-backend/01-what-backend-development-is/')
  await page.waitForLoadState('networkidle')
  // Nothing of the search is fetched before it is opened.
  expect(fetched).toEqual([])

  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('/')
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
  await expect(dialog).toBeVisible()
  const input = dialog.getByRole('searchbox', { name: 'Search words' })
  await expect(input).toBeFocused()
  await page.keyboard.type(PHRASE)

  await expect(dialog.getByRole('status')).toHaveText(/^1 lesson matches “convention was retired”\.$/)
  expect(fetched).toContain('/pagefind/pagefind.js')
  expect(fetched.some((p) => p.endsWith('.pf_index'))).toBe(true)
  const first = dialog.locator('a.search-hit').first()
  await expect(first).toContainText('Headers')
  await expect(first.locator('mark').first()).toHaveText(/convention/i)
  await expect(dialog.locator('.search-lesson-where').first()).toHaveText(
    'Web and application servers › Headers, caching and static files',
  )

  await page.keyboard.press('ArrowDown')
  await expect(first).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`${LESSON}#headers$`))
  await expect(dialog).toBeHidden()
  await expect(page.locator('h2#headers')).toBeInViewport()
})

test('quiz questions and their options are searched; their answer key is not', async ({ page }) => {
  await page.goto('/')
  await page.keyboard.press('/')
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
  const input = dialog.getByRole('searchbox', { name: 'Search words' })
  await expect(input).toBeFocused()
  // An option of the first lesson's quiz.
  await input.fill('button under the mouse')
  await expect(dialog.getByRole('status')).toHaveText(/^1 lesson matches “button under the mouse”\.$/)
  await expect(dialog.locator('a.search-hit').first()).toHaveAttribute(
    'href',
    /^\/lessons\/01-what-is-backend\/01-what-backend-development-is\//,
  )
  // What the index holds for that lesson: the prompt and the options, not the answer key
  // (an excerpt must not give the answer away) nor the feedback or the Check button.
  const content = await page.evaluate(async () => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`)
    const found = await pagefind.search('button under the mouse')
    return (await found.results[0].data()).content as string
  })
  expect(content).toContain('Which of these must run on the server?')
  expect(content).toContain('Highlighting the button under the mouse')
  expect(content).not.toContain('gain nothing')
  expect(content).not.toContain('Check answer')
  // Each option's first word stands alone, not fused with its letter.
  expect(content).not.toMatch(/\bBHighlighting\b/)
})

test('what is typed while the search code is still loading stays the query', async ({ page }) => {
  // Hold the dialog's code back, as a slow connection would: the dialog is open and typed into first.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/_astro\/search-dialog\.[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/')
  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
  await expect(dialog).toBeVisible()
  await page.keyboard.type('eta')
  // The code arrives and takes over the dialog (it starts fetching Pagefind then); the next key
  // adds to what was typed rather than replacing it.
  const takenOver = page.waitForRequest(/\/pagefind\/pagefind\.js$/)
  release()
  await takenOver
  await page.keyboard.type('g')
  await expect(dialog.getByRole('status')).toHaveText(/lessons? match(es)? “etag”/)
  await expect(dialog.getByRole('searchbox')).toHaveValue('etag')
})

test('Ctrl+K and the header button open it; arrows move, Escape closes and focus returns to the opener', async ({
  page,
}) => {
  await page.goto('/')
  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
  await expect(dialog).toBeVisible()
  await page.keyboard.type('etag')
  const hits = dialog.locator('a.search-hit')
  await expect(hits.nth(1)).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(hits.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(dialog.getByRole('searchbox')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  const button = page.getByRole('banner').getByRole('button', { name: 'Search' })
  await button.click()
  await expect(dialog).toBeVisible()
  // Reopened: the last query and its results are still there.
  await expect(dialog.getByRole('searchbox')).toHaveValue('etag')
  await page.keyboard.press('Escape')
  await expect(button).toBeFocused()
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the open search dialog with results has no serious axe violations (${colorScheme})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    await page.goto(LESSON)
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
    await page.getByRole('banner').getByRole('button', { name: 'Search' }).click()
    await page.keyboard.type('cache')
    const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
    await expect(dialog.getByRole('status')).toHaveText(/lessons match “cache”/)
    await expect(dialog.locator('a.search-hit').first()).toBeVisible()
    expect(await seriousViolations(page, colorScheme, '.search-dialog')).toEqual([])
    await context.close()
  })
}

test('at 390 px the header keeps its search button, and the dialog fits the screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } })
  const page = await context.newPage()
  await page.goto(LESSON)
  const button = page.getByRole('banner').getByRole('button', { name: 'Search' })
  await expect(button).toBeInViewport()
  await button.click()
  await page.keyboard.type('redirect')
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' })
  await expect(dialog.locator('a.search-hit').first()).toBeVisible()
  const box = (await dialog.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await context.close()
})

test('the search index holds the lessons and nothing else', async ({ request }) => {
  const entry = await (await request.get('/pagefind/pagefind-entry.json')).json()
  expect(entry.languages.en.page_count).toBe(lessons.length)
})

test('sitemap.xml lists home, every topic and every lesson, and no test page', async ({ request }) => {
  const res = await request.get('/sitemap.xml')
  expect(res.headers()['content-type']).toMatch(/^application\/xml/)
  const xml = await res.text()
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
  expect(lessons.length).toBeGreaterThan(40)
  for (const lesson of lessons) expect(paths).toContain(lesson)
  expect(paths).toContain('/')
  expect(paths.filter((p) => p.startsWith('/test/'))).toEqual([])
  const robots = await (await request.get('/robots.txt')).text()
  expect(robots).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m)
})

test("llms.txt links every lesson's Markdown, and a lesson's .md has its headings and code", async ({
  page,
  request,
}) => {
  const llms = await (await request.get('/llms.txt')).text()
  expect(llms.startsWith('# Backend Course\n')).toBe(true)
  for (const lesson of lessons) expect(llms).toContain(`${lesson.replace(/\/$/, '')}.md)`)
  expect(llms).not.toContain('/test/')

  const res = await request.get(`${LESSON.replace(/\/$/, '')}.md`)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('text/markdown; charset=utf-8')
  const md = await res.text()
  expect(md.startsWith('# Headers, caching and static files\n')).toBe(true)
  for (const heading of ['## Headers', '## Caching and conditional requests', '## Redirects'])
    expect(md).toContain(`\n${heading}\n`)
  // Lesson code, the sandbox's own file, a diagram's Mermaid source and a quiz question.
  expect(md).toContain("app.use('/assets/*', serveStatic({ root: './public' }))")
  expect(md).toMatch(/`src\/app\.ts`:\n\n```ts\n/)
  expect(md).toContain('```mermaid\nsequenceDiagram')
  expect(md).toContain('Why does the CSV/JSON answer carry `Vary: Accept`?')

  // The page itself says where it lives and what it is about.
  await page.goto(LESSON)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    new RegExp(`^https?://[^/]+${LESSON}$`),
  )
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article')
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
    'content',
    'Headers, caching and static files',
  )
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    /^Use headers to let clients cache/,
  )
})

test('printing a lesson hides navigation and search and shows every sandbox file', async ({ page }) => {
  await page.goto(LESSON)
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.site-header')).toBeHidden()
  await expect(page.locator('.course-sidebar')).toBeHidden()
  await expect(page.locator('.prev-next')).toBeHidden()
  const sandbox = page.locator('course-sandbox').first()
  await expect(sandbox.locator('.sbx-toolbar')).toBeHidden()
  const files = sandbox.locator('.sbx-static-code')
  expect(await files.count()).toBeGreaterThan(1)
  for (const file of await files.all()) await expect(file).toBeVisible()
})
