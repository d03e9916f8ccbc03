/**
 * Lesson quizzes in Chromium: answered by keyboard alone, the answers are saved with the
 * lesson's progress and survive a reload, a correct quiz completes a quiz-only lesson (sidebar
 * and topic page show it), a predict question sends its request to the lesson's sandbox, the
 * quiz reads without JavaScript, and axe stays clean. The answers are read from the page (which
 * options are marked correct), so the spec holds when the lesson's questions are rewritten.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Locator, type Page } from '@playwright/test'

const LESSON = '/lessons/01-what-is-backend/01-what-backend-development-is/'
const LESSON_PATH = LESSON.replace(/\/$/, '')

interface QuestionInfo {
  form: Locator
  kind: 'single' | 'multiple'
  correct: number[]
  count: number
}

async function questions(page: Page): Promise<QuestionInfo[]> {
  const forms = page.locator('course-quiz form[data-question]')
  const infos: QuestionInfo[] = []
  for (const form of await forms.all()) {
    const options = form.locator('li.quiz-option')
    const flags = await options.evaluateAll((lis) => lis.map((li) => li.hasAttribute('data-correct')))
    infos.push({
      form,
      kind: (await form.getAttribute('data-kind')) === 'multiple' ? 'multiple' : 'single',
      correct: flags.flatMap((c, i) => (c ? [i] : [])),
      count: flags.length,
    })
  }
  return infos
}

/** Selects `choose` with the keyboard only (arrows for radios, Tab + Space for checkboxes), then Tab to Check and Enter. */
async function answerByKeyboard(page: Page, q: QuestionInfo, choose: number[]) {
  await q.form.locator('input').first().focus()
  if (q.kind === 'single') {
    // Focusing a radio group does not select; Space selects the focused radio, arrows move and select.
    await page.keyboard.press('Space')
    for (let i = 0; i < choose[0]!; i++) await page.keyboard.press('ArrowDown')
  } else {
    for (let i = 0; i < q.count; i++) {
      const input = q.form.locator('input').nth(i)
      if ((await input.isChecked()) !== choose.includes(i)) await page.keyboard.press('Space')
      await page.keyboard.press('Tab')
    }
  }
  if (q.kind === 'single') await page.keyboard.press('Tab')
  await expect(q.form.getByRole('button', { name: 'Check answer' })).toBeFocused()
  await page.keyboard.press('Enter')
}

function wrongChoice(q: QuestionInfo): number[] {
  const wrong = [...Array(q.count).keys()].find((i) => !q.correct.includes(i))!
  return q.kind === 'single' ? [wrong] : [...q.correct, wrong]
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('course-quiz').analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('a quiz answered by keyboard gives feedback, saves progress, survives a reload and completes the lesson', async ({
  page,
}) => {
  await page.goto(LESSON)
  const all = await questions(page)
  expect(all.length).toBeGreaterThanOrEqual(3)
  const outlineLink = page.locator(`#course-nav a[data-lesson-path="${LESSON_PATH}"]`)
  await expect(outlineLink).not.toHaveAttribute('data-completed')

  // A wrong answer first: the live region says so and the chosen option's explanation shows.
  const first = all[0]!
  await answerByKeyboard(page, first, wrongChoice(first))
  const feedback = first.form.locator('[data-quiz-feedback]')
  await expect(feedback).toHaveAttribute('role', 'status')
  await expect(feedback).toHaveText(/^Not quite/)
  await expect(first.form.locator('li[data-result="wrong"] [data-quiz-explain]').first()).toBeVisible()
  await expect(first.form).toHaveAttribute('data-state', 'wrong')

  for (const q of all) await answerByKeyboard(page, q, q.correct)
  for (const q of all) {
    await expect(q.form).toHaveAttribute('data-state', 'correct')
    // Once right, every option explains itself.
    await expect(q.form.locator('[data-quiz-explain]:visible')).toHaveCount(q.count)
  }
  await expect(all.at(-1)!.form.locator('[data-quiz-feedback]')).toHaveText(
    `Correct! All ${all.length} questions answered correctly. Lesson complete.`,
  )
  await expect(outlineLink).toHaveAttribute('data-completed')
  await expect(outlineLink.locator('.done-label')).toBeAttached()
  await expect(outlineLink.locator('.done-label')).not.toHaveAttribute('hidden')

  const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('course.progress.v1') ?? '{}'))
  expect(progress[LESSON_PATH].completedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  expect(progress[LESSON_PATH].quiz.answers['1']).toEqual(first.correct)

  await page.reload()
  const again = await questions(page)
  for (const q of again) {
    await expect(q.form).toHaveAttribute('data-state', 'correct')
    for (const i of q.correct) await expect(q.form.locator('input').nth(i)).toBeChecked()
  }
  await expect(page.locator('[data-quiz-summary]')).toHaveText(
    `All ${all.length} questions answered correctly. Lesson complete.`,
  )
  await expect(outlineLink).toHaveAttribute('data-completed')

  await page.goto('/lessons/01-what-is-backend/')
  const card = page.locator(`.lesson-cards a[data-lesson-path="${LESSON_PATH}"]`)
  await expect(card).toHaveAttribute('data-completed')
  await expect(card).toContainText('Completed')
})

test('a predict question sends its request to the sandbox on the page and shows the real answer', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
  await page.goto('/test/quiz/predict/')
  const [predict] = await questions(page)
  const send = predict!.form.getByRole('button', { name: 'Send POST /hello to the sandbox' })
  await expect(send).toBeHidden()
  await answerByKeyboard(page, predict!, predict!.correct)
  await send.click()
  const result = predict!.form.locator('[data-quiz-predict-result]')
  await expect(result).toContainText(/The sandbox answered 200/, { timeout: 30_000 })
  await expect(result.locator('pre')).toContainText('Hello, Ada!')
  // The lesson also has an exercise, so a correct quiz alone does not complete it.
  for (const q of (await questions(page)).slice(1)) await answerByKeyboard(page, q, q.correct)
  await expect(page.locator('[data-quiz-summary]')).toHaveText(
    "All 3 questions answered correctly. Pass the exercise's checks to complete the lesson.",
  )
  expect(errors).toEqual([])
})

test('without JavaScript every question shows its options and the answer key in a disclosure', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(LESSON)
  const form = page.locator('course-quiz form[data-question]').first()
  await expect(form.locator('legend')).toBeVisible()
  await expect(form.getByRole('button', { name: 'Check answer' })).toBeHidden()
  const key = form.locator('details.quiz-key')
  await key.locator('summary').click()
  await expect(key.locator('li[data-correct]').first()).toContainText('correct.')
  await expect(key.locator('li[data-correct]').first()).toBeVisible()
  await context.close()
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious problems in an answered quiz (${colorScheme}, 390 px)`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(LESSON)
    const all = await questions(page)
    await answerByKeyboard(page, all[0]!, all[0]!.correct)
    await answerByKeyboard(page, all[1]!, wrongChoice(all[1]!))
    await expectNoSeriousA11yViolations(page)
    // Nothing in the quiz is wider than the phone.
    const overflow = await page.locator('course-quiz').evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await context.close()
  })
}
