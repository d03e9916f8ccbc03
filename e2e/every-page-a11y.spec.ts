/**
 * Every page the build produced (the dist listing, not a hand-picked list), in both themes: no
 * serious or critical axe violation and no console error. In the light pass each page is also
 * narrowed to 640 and 320 CSS px (200% and 400% zoom of a 1280 px window, WCAG 1.4.10 reflow):
 * nothing may scroll sideways there except code, which scrolls inside its own box.
 *
 * Fast by construction: one browser context and one tab per theme, reused for every page, the
 * two themes in parallel, the reflow widths without reloading. The interactive states (sandbox
 * panels open, dialogs) are in sandbox-a11y.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test'
import { builtPages, sandboxesSettled, seriousViolations } from './fixtures/a11y/axe.ts'

const pages = builtPages()
const DESKTOP = { width: 1280, height: 720 }
const REFLOW_WIDTHS = [640, 320]

test('the build has pages to check', () => {
  expect(pages).toContain('/')
  expect(pages.filter((p) => p.startsWith('/lessons/')).length).toBeGreaterThanOrEqual(10)
})

/** What makes the page scroll sideways at this width ('' when nothing does). */
function sidewaysOverflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= width) return ''
    // Name the outermost elements that stick out, past any box that scrolls by itself.
    const out = (el: Element) => el.getBoundingClientRect().right > width + 1
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (/auto|scroll|hidden|clip/.test(getComputedStyle(p).overflowX)) return true
      return false
    }
    const names = [...document.querySelectorAll('body *')]
      .filter((el) => out(el) && !clipped(el) && !(el.parentElement && out(el.parentElement)))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.classList[0] ? `.${el.classList[0]}` : ''}`)
    return `${document.documentElement.scrollWidth - width} px too wide (${names.join(', ')})`
  })
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every built page: no serious axe violations (${colorScheme}${colorScheme === 'light' ? ', reflow at 640 and 320 px' : ''})`, async ({
    browser,
  }) => {
    // A budget, not a speed check: a shared, loaded machine took up to 16 s a page.
    test.setTimeout(60_000 + pages.length * 30_000)
    const context = await browser.newContext({ colorScheme, viewport: DESKTOP })
    const page = await context.newPage()
    const errors: string[] = []
    let current = ''
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${current}: ${message.text()}`)
    })
    page.on('pageerror', (error) => errors.push(`${current}: ${error.message}`))
    const problems: string[] = []
    const wide: string[] = []
    for (const path of pages) {
      current = path
      await page.setViewportSize(DESKTOP)
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(path === '/no-such-page/' ? 404 : 200)
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
      await sandboxesSettled(page)
      problems.push(...(await seriousViolations(page, path)))
      if (colorScheme !== 'light') continue
      for (const width of REFLOW_WIDTHS) {
        await page.setViewportSize({ width, height: 640 })
        const overflow = await sidewaysOverflow(page)
        if (overflow) wide.push(`${path} at ${width} px: ${overflow}`)
      }
    }
    await context.close()
    expect(problems, 'serious or critical axe violations').toEqual([])
    expect(wide, 'pages that scroll sideways').toEqual([])
    // The 404 page is requested on purpose; its status shows up as a console error.
    expect(errors.filter((e) => !e.startsWith('/no-such-page/: Failed to load resource'))).toEqual([])
  })
}
