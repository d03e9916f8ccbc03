/**
 * Streamed responses in Chromium, offline: an SSE route's events reach the request panel one by
 * one, each with its arrival time, the first shown while the app has not yet sent the last; the
 * AI lesson's streaming route (offline demo model) arrives in many pieces, not as one.
 */
import { expect as baseExpect, test } from '@playwright/test'
import { SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

test('task-events: the request panel shows the first event while the rest are still to come', async ({
  page,
}) => {
  await page.goto('/test/sandbox/task-events/')
  const sandbox = await new SandboxPage(page, 'task-events').ready()
  // Two seconds between events: the app is still sleeping before the second while we look.
  await sandbox.root.getByLabel('Path').fill('/import/progress?delay=2000')
  await sandbox.button('send').click()
  const events = sandbox.root.locator('.sbx-event')
  await expect(events).toHaveCount(1)
  await expect(sandbox.root.locator('.sbx-event-wait')).toHaveText('waiting for the next event…')
  await expect(events.first().locator('.sbx-event-name')).toHaveText('imported')
  await expect(events.first().locator('.sbx-event-data')).toHaveText(
    '{"done":1,"of":4,"title":"Write the launch plan"}',
  )
  await expect(events.first().locator('.sbx-event-at')).toHaveText(/^\+\d/)
  // …and then all of them, and the stream ends.
  await expect(events).toHaveCount(5, { timeout: 60_000 })
  await expect(events.last().locator('.sbx-event-name')).toHaveText('finished')
  await expect(sandbox.root.locator('.sbx-event-wait')).toHaveCount(0)
  await expect(sandbox.status).toHaveText('200 OK')
})

test('ai-hello: POST /ask/stream arrives piece by piece', async ({ page }) => {
  await page.goto('/test/runtime/ai-hello/')
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  const { status, pieces } = await page.evaluate(() =>
    window.__runtimeTest.stream('POST', '/ask/stream', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: 'What is a backend?' }),
    }),
  )
  expect(status).toBe(200)
  expect(pieces.filter((p) => p.text).length).toBeGreaterThan(5)
  expect(pieces.map((p) => p.text).join('')).toContain('offline demo model')
})
