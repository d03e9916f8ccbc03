/**
 * The tutor's hint in a real Chromium against the production server in offline demo mode
 * (no OPENAI_API_KEY): fail a check of the POST /hello exercise, ask for a hint, see it stream
 * in, labelled, naming the missing 400 without the solution; ask again for a more specific
 * one; the third time the Solve action is offered instead. Axe checks the hint box in both
 * themes.
 */
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 120_000 })

const SOLUTION = readFileSync(
  new URL('../sandboxes/hello-json-post/solution/src/app.ts', import.meta.url),
  'utf8',
)
const STARTER = readFileSync(new URL('../sandboxes/hello-json-post/src/app.ts', import.meta.url), 'utf8')
/** Lines only the solution has: none may be sent for a hint or shown in one. */
const SOLUTION_ONLY = SOLUTION.split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 12 && !line.startsWith('//') && !STARTER.includes(line))

async function axeSerious(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('course-sandbox[data-name="hello-json-post"] .sbx-hint')
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('ask for a hint on a failed check: streamed, labelled, no solution; again; then Solve', async ({
  page,
}) => {
  expect(SOLUTION_ONLY.length).toBeGreaterThan(3)
  const sent: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/openai/tutor/hint')) sent.push(request.postData() ?? '')
  })
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  await sandbox.outputTab('checks').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText(/^\d of 5 checks pass$/)
  const failed = sandbox.root.locator('.sbx-check[data-state="failed"]').first()
  await expect(failed.locator('.sbx-check-name')).toHaveText(
    'A body without a name gets 400 and an error message',
  )

  // Every text the hint shows while it arrives: streamed means many partial states.
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { hintStates: string[] }).hintStates = seen
    new MutationObserver(() => {
      const text = document.querySelector('.sbx-hint-answer[data-attempt="1"] .sbx-hint-text')?.textContent
      if (text && seen.at(-1) !== text) seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const answered = page.waitForResponse((res) => res.url().endsWith('/api/openai/tutor/hint'))
  await failed.getByRole('button', { name: 'Ask for a hint' }).click()
  expect((await answered).headers()['content-type']).toMatch(/^text\/event-stream/)

  const first = failed.locator('.sbx-hint-answer[data-attempt="1"]')
  await expect(first.locator('.sbx-hint-label')).toHaveText(
    'Offline hint built from the check, no AI model (this server has no OpenAI key)',
  )
  await expect(first).not.toHaveAttribute('aria-busy', 'true')
  // Styled (a stylesheet left with an open block once made every rule after it match nothing).
  await expect(first).toHaveCSS('border-left-width', '3px')
  const text = first.locator('.sbx-hint-text')
  await expect(text).toContainText('the status must be 400, but your app answered 200')
  await expect(text).toContainText('c.json(body, 400) sets the status')
  for (const line of SOLUTION_ONLY) await expect(text).not.toContainText(line)
  const states = await page.evaluate(() => (window as unknown as { hintStates: string[] }).hintStates)
  expect(states.length).toBeGreaterThan(10)
  expect(states.every((state, i) => i === 0 || state.startsWith(states[i - 1]!))).toBe(true)
  expect(states.at(-1)).toBe(await text.textContent())

  // What the page sent: the check and the learner's code, never the solution.
  expect(sent).toHaveLength(1)
  const request = JSON.parse(sent[0]!) as {
    check: { name: string }
    files: Record<string, string>
    lesson: { objectives: string[] }
  }
  expect(request.check.name).toBe('A body without a name gets 400 and an error message')
  expect(request.files['src/app.ts']).toBe(STARTER)
  expect(request.lesson.objectives.length).toBeGreaterThan(0)
  for (const line of SOLUTION_ONLY) expect(sent[0]).not.toContain(line)

  expect(await axeSerious(page)).toEqual([])
  await failed.locator('.sbx-hint').screenshot({ path: test.info().outputPath('hint-light.png') })

  await failed.getByRole('button', { name: 'That did not help' }).click()
  const second = failed.locator('.sbx-hint-answer[data-attempt="2"]')
  await expect(second.locator('.sbx-hint-text')).toContainText(
    'Look at the handler that starts at src/app.ts line 8',
  )
  await expect(second.locator('.sbx-hint-text')).toContainText('the JSON body has no "error" field')
  await expect(first).toBeVisible()
  expect(sent).toHaveLength(2)
  expect(JSON.parse(sent[1]!)).toMatchObject({ attempt: 2, previous: [await text.textContent()] })

  await page.evaluate(() => {
    localStorage.setItem('course.theme', 'dark')
    document.documentElement.dataset.theme = 'dark'
  })
  expect(await axeSerious(page)).toEqual([])
  await failed.locator('.sbx-hint').screenshot({ path: test.info().outputPath('hint-dark.png') })

  // A third time: no bigger hint, the Solve action instead.
  await failed.getByRole('button', { name: 'That did not help' }).click()
  const solve = failed.getByRole('button', { name: 'Solve: show the solution (undoable)' })
  await expect(solve).toBeFocused()
  expect(sent).toHaveLength(2)
  expect(await axeSerious(page)).toEqual([])
  await solve.click()
  await expect.poll(() => sandbox.code('src/app.ts')).toBe(SOLUTION)
})

test('ask for a hint on a console error: it streams into the checks panel', async ({ page }) => {
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  // Malformed JSON makes the starter throw: the console shows the error with its line.
  await sandbox.outputTab('checks').click()
  await sandbox.button('check').click()
  await expect(sandbox.root.locator('[data-checks-summary]')).toHaveText(/^\d of 5 checks pass$/)
  await sandbox.outputTab('console').click()
  const error = sandbox.root.locator('.sbx-log-entry[data-level="error"][data-source="app"]').first()
  await expect(error).toBeVisible()
  await error.getByRole('button', { name: 'Ask for a hint' }).click()
  await expect(sandbox.outputTab('checks')).toHaveAttribute('aria-selected', 'true')
  const hint = sandbox.root.locator('[data-console-hint] .sbx-hint-text')
  await expect(hint).toContainText('Your app logged an error: "')
  await expect(hint).toContainText('src/app.ts:')
})
