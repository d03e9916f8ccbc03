/**
 * The lesson's preview pane is a sandboxed iframe (PREVIEW_SANDBOX in preview-pane.ts): a
 * learner's page (or a page pasted from somewhere) runs its scripts and calls the app, but
 * cannot navigate the course tab to a look-alike login page or open popups — even after a
 * click, which would otherwise give it the user activation browsers ask for.
 */
import { expect as baseExpect, test } from '@playwright/test'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

const HOSTILE_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Not so friendly</title></head>
  <body>
    <button id="top">Go to the login page</button>
    <button id="popup">Open a window</button>
    <button id="call">Call the app</button>
    <p id="output"></p>
    <script>
      const say = (text) => (document.getElementById('output').textContent = text)
      document.getElementById('top').onclick = () => {
        try {
          top.location.href = 'http://127.0.0.1:9/fake-login'
          say('navigated')
        } catch (err) {
          say('top: ' + err.name)
        }
      }
      document.getElementById('popup').onclick = () => say(window.open('about:blank') ? 'popup opened' : 'popup blocked')
      document.getElementById('call').onclick = async () => say(await (await fetch('/hello')).text())
    </script>
  </body>
</html>
`

test('a preview cannot navigate the course tab or open popups, and still runs and calls the app', async ({
  page,
}) => {
  const sandboxErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && sandboxErrors.push(m.text()))
  const popups: string[] = []
  page.context().on('page', (p) => popups.push(p.url()))

  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-xhr-page').ready()
  expect(await sandbox.code()).toContain('<html') // public/index.html is the file open first
  await sandbox.setCode(HOSTILE_PAGE)
  await sandbox.button('run').click()
  const iframe = sandbox.root.locator('.sbx-preview-iframe')
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-modals')
  const preview = sandbox.root.frameLocator('.sbx-preview-iframe')

  await preview.locator('#call').click()
  await expect(preview.locator('#output')).toHaveText('Hello, World!')

  await preview.locator('#top').click()
  await expect(preview.locator('#output')).not.toHaveText('Hello, World!')
  expect(await preview.locator('#output').textContent()).not.toBe('navigated')
  await preview.locator('#popup').click()
  await expect(preview.locator('#output')).toHaveText('popup blocked')
  expect(page.url()).toBe(new URL(LESSON, page.url()).href)
  expect(popups).toEqual([])
  // What Chromium said while refusing is about the sandbox flags, nothing else.
  for (const error of sandboxErrors) expect(error).toMatch(/sandbox|allow-top-navigation|allow-popups/i)
})
