/**
 * The Load panel in Chromium, offline (sandboxes/tasks-db): a run against the app in the browser
 * shows requests/s, percentiles, status counts and an SVG histogram; a second run keeps the first
 * beside it; a run against an app that throws counts its 500s and the page stays responsive.
 */
import { expect as baseExpect, test } from '@playwright/test'
import { SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

// The first Start creates tasks-db's database (Postgres compiled, initdb): up to a minute or
// more on a machine shared by many browsers. No assertion here is about speed.
const expect = baseExpect.configure({ timeout: 150_000 })
test.describe.configure({ timeout: 400_000 })

test('a load run shows a chart and percentiles; the previous run stays beside the next; a throwing app is counted', async ({
  page,
}) => {
  await page.goto('/test/sandbox/tasks-db/')
  const sandbox = await new SandboxPage(page, 'tasks-db').ready()
  await sandbox.outputTab('load').click()
  const load = sandbox.root.locator('[data-panel="load"]')
  await load.getByLabel('Requests', { exact: true }).fill('60')
  await load.getByLabel('At once', { exact: true }).fill('6')
  await load.getByRole('button', { name: 'Start' }).click()

  const current = load.locator('.sbx-load-run[data-run="current"]')
  await expect(current.locator('.sbx-load-note')).toContainText('60 × 6 at once')
  for (const name of ['Requests/s', 'p50', 'p95', 'p99'])
    await expect(current.locator('dt', { hasText: name })).toHaveCount(1)
  await expect(current.locator('dd').first()).toHaveText(/^\d/)
  await expect(current.locator('.sbx-load-status')).toHaveText(['200 × 60'])
  await expect(current.locator('svg.sbx-load-chart[role="img"]')).toHaveAttribute(
    'aria-label',
    /latency histogram/,
  )
  expect(await current.locator('svg .sbx-load-bar').count()).toBeGreaterThan(0)
  // The chart's numbers are also text.
  await current.getByText('Histogram as a table').click()
  await expect(current.locator('.sbx-load-table tbody tr')).toHaveCount(20)

  // An app that throws: every request is a 500, counted, and the page still answers.
  const code = await sandbox.code('src/app.ts')
  await sandbox.setCode(
    code.replace(
      "app.get('/tasks', async (c) => {",
      "app.get('/tasks', async (c) => {\n  throw new Error('boom')",
    ),
  )
  await load.getByLabel('Requests', { exact: true }).fill('40')
  await load.getByRole('button', { name: 'Start' }).click()
  await expect(current.locator('.sbx-load-status')).toHaveText(['500 × 40'])
  await expect(load.locator('.sbx-load-run[data-run="previous"] .sbx-load-status')).toHaveText(['200 × 60'])
  await expect(sandbox.root.locator('[data-output="console"] [data-badge]')).toBeAttached()
  expect(await page.evaluate(() => 1 + 1)).toBe(2)
})
