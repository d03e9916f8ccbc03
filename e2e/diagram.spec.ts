/**
 * Diagrams in Chromium: a ```mermaid fence of a lesson arrives as inline SVG (no client
 * JavaScript drew it), named by its alt text, coloured from the site's theme in light and dark,
 * with no console errors (no web font fetched from elsewhere) and axe clean.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

// The reverse-proxy lesson, which has a sequence diagram and a flowchart.
const LESSON = '/lessons/03-web-and-application-servers/03-web-servers-and-reverse-proxies/'

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a lesson diagram is inline SVG, themed and accessible (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
    await page.goto(LESSON)
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)

    const diagrams = page.locator('figure.diagram svg[role="img"]')
    expect(await diagrams.count()).toBeGreaterThanOrEqual(2)
    const diagram = page.locator('figure.diagram svg:has(g.actor)').first()
    await expect(diagram).toBeVisible()
    // Named by its alt text (the <title>), read as one image.
    const alt = (await diagram.locator('title').textContent())!
    expect(alt.length).toBeGreaterThan(20)
    await expect(page.getByRole('img', { name: alt, exact: true })).toBeVisible()
    expect(await diagram.locator('text').count()).toBeGreaterThan(4)
    // Participants are in the page's text colour, message labels in its muted colour, per theme.
    const colours = await diagram.evaluate((svg) => ({
      actor: getComputedStyle(svg.querySelector('g.actor text')!).fill,
      label: getComputedStyle(svg.querySelector('g.message text')!).fill,
      page: getComputedStyle(document.body).color,
    }))
    expect(colours.actor).toBe(colours.page)
    expect(colours).toEqual(
      colorScheme === 'dark'
        ? { actor: 'rgb(230, 237, 243)', label: 'rgb(157, 167, 179)', page: 'rgb(230, 237, 243)' }
        : { actor: 'rgb(31, 35, 40)', label: 'rgb(87, 96, 106)', page: 'rgb(31, 35, 40)' },
    )

    const results = await new AxeBuilder({ page }).include('figure.diagram').analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })
}

test('the diagram is in the HTML itself: it renders with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(LESSON)
  await expect(page.locator('figure.diagram svg[role="img"] title').first()).not.toBeEmpty()
  expect(await page.locator('figure.diagram svg text').count()).toBeGreaterThan(8)
  await context.close()
})
