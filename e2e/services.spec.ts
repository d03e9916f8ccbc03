/**
 * A sandbox of two services (sandboxes/orders-payments) in Chromium, offline: orders answers
 * through payments, and when the learner stops payments, orders' fallback answers (202, payment
 * pending) and the console says why; a service calling itself in a loop is refused with a clear
 * message while the page stays responsive.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

function order(page: Page) {
  return page.evaluate(() =>
    window.__runtimeTest.request('POST', '/orders', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ taskId: 't2', amount: 1500 }),
    }),
  )
}

test('orders answers through payments; with payments stopped its fallback answers; a call loop is refused', async ({
  page,
}) => {
  await page.goto('/test/runtime/orders-payments/')
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  expect(await page.evaluate(() => window.__runtimeTest.runtime.services)).toEqual({
    orders: 'running',
    payments: 'running',
  })

  const paid = await order(page)
  expect(paid.status).toBe(201)
  expect(JSON.parse(paid.body)).toMatchObject({ status: 'paid', chargeId: 'ch1' })

  await page.evaluate(() => window.__runtimeTest.runtime.setService('payments', 'stop'))
  expect(await page.evaluate(() => window.__runtimeTest.runtime.services)).toMatchObject({
    payments: 'stopped',
  })
  const pending = await order(page)
  expect(pending.status).toBe(202)
  expect(JSON.parse(pending.body)).toMatchObject({ status: 'payment_pending' })
  const logs = await page.evaluate(() => window.__runtimeTest.logs.map((l) => l.message))
  expect(logs.some((m) => /payments unavailable .*ECONNREFUSED payments:80/.test(m))).toBe(true)

  await page.evaluate(() => window.__runtimeTest.runtime.setService('payments', 'start'))
  expect((await order(page)).status).toBe(201)

  // The request target: payments itself.
  await page.evaluate(() => (window.__runtimeTest.runtime.service = 'payments'))
  expect((await page.evaluate(() => window.__runtimeTest.request('GET', '/health'))).body).toBe('{"ok":true}')

  const files = await page.evaluate(() => window.__runtimeTest.data.files)
  const looping = {
    ...files,
    'src/payments.ts': files['src/payments.ts']!.replace(
      "app.get('/health'",
      "app.get('/loop', () => fetch('http://payments/loop'))\napp.get('/health'",
    ),
  }
  expect(await page.evaluate((f) => window.__runtimeTest.run(f), looping)).toBeNull()
  expect((await page.evaluate(() => window.__runtimeTest.request('GET', '/loop'))).status).toBe(500)
  const after = await page.evaluate(() => window.__runtimeTest.logs.map((l) => l.message))
  expect(after.some((m) => /calling itself .* in a loop/.test(m))).toBe(true)
  await page.locator('#ping').click()
  await expect(page.locator('#pings')).toHaveText('1')
})

test('the sandbox UI shows each service and stops one with its switch', async ({ page }) => {
  await page.goto('/test/sandbox/orders-payments/')
  const sandbox = await new SandboxPage(page, 'orders-payments').ready()
  await sandbox.button('run').click()
  await expect(sandbox.status).toHaveText('201 Created')
  const payments = sandbox.root.locator('[data-service="payments"]')
  await expect(payments).toHaveAttribute('data-state', 'running')
  await payments.getByRole('button', { name: 'Stop payments' }).click()
  await expect(payments).toHaveAttribute('data-state', 'stopped')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('202 Accepted')
  await expect(sandbox.responseBody).toContainText('payment_pending')
  await payments.getByRole('button', { name: 'Start payments' }).click()
  await expect(payments).toHaveAttribute('data-state', 'running')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('201 Created')
})
