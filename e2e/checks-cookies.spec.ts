/**
 * Checks that follow a conversation, and the request panel's cookie jar, in a real Chromium
 * against the production server (worker runtime): lesson 5.2 embeds the sessions-login exercise,
 * whose app logs in with an HttpOnly session cookie. Browsers drop Set-Cookie and Cookie from
 * scripted responses and requests, so these prove the cookies really cross the runtime.
 */
import { expect as baseExpect, test } from '@playwright/test'
import { SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const LESSON = '/lessons/05-security-and-auth/02-sessions-and-jwts/'
// Starting an app the first time can take seconds on a busy CI machine; nothing here is about speed.
const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

let errors: string[] = []
test.beforeEach(({ page }) => {
  errors = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
})
test.afterEach(() => {
  expect(errors, 'console errors').toEqual([])
})

test('the multi-step login check fails on the starter at the step that needs the cookie, and passes on the solution', async ({
  page,
}) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'sessions-login').ready()
  await sandbox.outputTab('checks').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText('2 of 6 checks pass')

  const conversation = sandbox.root.locator('.sbx-check', {
    hasText: 'Log in, then GET /me knows who you are',
  })
  await expect(conversation).toHaveAttribute('data-state', 'failed')
  // The first failing check opens on its own; open this one too.
  const details = conversation.locator('.sbx-check-details')
  if (!(await details.getAttribute('open')))
    await conversation.locator('.sbx-check-details > summary').click()
  const steps = conversation.locator('.sbx-step')
  await expect(steps).toHaveCount(2)
  // Step 1 (login) fails: the starter sets no cookie. It is the one outlined and open.
  const failing = conversation.locator('.sbx-step[data-first-failure]')
  await expect(failing).toHaveCount(1)
  await expect(failing).toHaveAttribute('data-state', 'failed')
  await expect(failing.locator('.sbx-step-title')).toHaveText('Step 1 · login')
  await expect(failing.locator('.sbx-check-message')).toHaveText(
    'cookie session: expected the response to set it (Set-Cookie), but it did not',
  )
  await expect(failing.locator('.sbx-check-block[data-kind="request"]')).toContainText('POST /login')
  await expect(failing.locator('.sbx-check-block[data-kind="expected"]')).toContainText('Sets cookie session')
  await expect(failing.locator('.sbx-check-block[data-kind="actual"]')).toContainText('Set-Cookie: (none)')
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'skipped')
  await expect(steps.nth(1)).toContainText('not run')

  await sandbox.button('solve').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText('All 6 checks pass')
  // Open the logout conversation: its request after logout went without a cookie, the replay with one.
  const logout = sandbox.root.locator('.sbx-check', { hasText: 'Logging out ends the session' })
  await logout.locator('.sbx-check-details > summary').click()
  const logoutSteps = logout.locator('.sbx-step')
  await expect(logoutSteps).toHaveCount(4)
  await logoutSteps.nth(1).locator('summary').click()
  await expect(logoutSteps.nth(1).locator('.sbx-check-block[data-kind="request"]')).toContainText(
    /Cookie: session=[0-9a-f-]{36}/,
  )
  await logoutSteps.nth(2).locator('summary').click()
  await expect(logoutSteps.nth(2).locator('.sbx-check-block[data-kind="request"]')).toContainText('GET /me')
  await logoutSteps.nth(3).locator('summary').click()
  await expect(logoutSteps.nth(3).locator('.sbx-check-block[data-kind="request"]')).toContainText(
    /Cookie: session=[0-9a-f-]{36}/,
  )
})

test('the request panel keeps the session cookie: log in, then GET /me answers 200; cleared, 401', async ({
  page,
}) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'sessions-login').ready()
  await sandbox.button('solve').click()
  const cookies = sandbox.root.locator('[data-cookies-fold]')

  // The prefilled request is the login.
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('200 OK')
  await expect(sandbox.root.locator('.sbx-response-cookies')).toHaveText(/Set by the app: session/)
  await sandbox.root.locator('.sbx-response-headers > summary').click()
  await expect(sandbox.root.locator('.sbx-response-headers')).toContainText(
    /set-cookie\s*session=[0-9a-f-]{36}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Lax/,
  )
  await expect(cookies).toHaveAttribute('open', '')
  await expect(cookies.locator('.sbx-cookie')).toHaveCount(1)
  await expect(cookies.locator('.sbx-cookie-attrs')).toHaveText(
    /^Path=\/ · HttpOnly · Secure · SameSite=Lax · expires in 60 min$/,
  )

  // GET /me carries it.
  await sandbox.root.getByLabel('Method').selectOption('GET')
  await sandbox.root.getByLabel('Path').fill('/me')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('200 OK')
  await expect(sandbox.responseBody).toHaveText('{\n  "user": "ada",\n  "name": "Ada Lovelace"\n}')
  await expect(sandbox.root.locator('.sbx-response-cookies')).toHaveText('Sent cookies: session')

  // An edited value is sent as edited: an unknown session.
  const value = cookies.getByLabel('Value of cookie session')
  const real = await value.inputValue()
  await value.fill('forged')
  await value.press('Enter')
  await value.blur()
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('401 Unauthorized')

  // Restored, it works again; cleared, /me is refused.
  await value.fill(real)
  await value.blur()
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('200 OK')
  await cookies.getByRole('button', { name: 'Clear cookies' }).click()
  await expect(cookies.locator('.sbx-cookie')).toHaveCount(0)
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('401 Unauthorized')
  await expect(sandbox.root.locator('.sbx-response-cookies')).toHaveCount(0)

  // A cookie added by hand is kept across a reload, like the history.
  await cookies.getByLabel('New cookie name').fill('theme')
  await cookies.getByLabel('New cookie value').fill('dark')
  await cookies.getByRole('button', { name: 'Add cookie' }).click()
  await expect(cookies.locator('.sbx-cookie')).toHaveCount(1)
  await page.reload()
  const again = await new SandboxPage(page, 'sessions-login').ready()
  const jar = again.root.locator('[data-cookies-fold]')
  await jar.locator('summary').click()
  await expect(jar.getByLabel('Value of cookie theme')).toHaveValue('dark')
})
