/**
 * A quiz answered, in both themes: no serious axe violation with every question's feedback and
 * explanations showing, and the feedback is a short status message. The lesson is the first
 * built one with a <Quiz>, found in the build.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { builtPageFiles, seriousViolations } from './fixtures/a11y/axe.ts'

const QUIZ = builtPageFiles().find(
  (p) => p.path.startsWith('/lessons/') && readFileSync(p.file, 'utf8').includes('<course-quiz'),
)?.path

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a quiz answered: no serious axe violations, short feedback (${colorScheme})`, async ({ browser }) => {
    test.skip(!QUIZ, 'no built lesson has a <Quiz> yet')
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    await page.goto(QUIZ!)
    const questions = page.locator('course-quiz form.quiz-question')
    const count = await questions.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) {
      const question = questions.nth(i)
      await question.locator('.quiz-option label').first().click()
      await question.getByRole('button', { name: 'Check answer' }).click()
      const feedback = question.getByRole('status')
      await expect(feedback).not.toBeEmpty()
      expect((await feedback.innerText()).length).toBeLessThan(200)
    }
    const problems = await seriousViolations(page, `${QUIZ} quiz answered`, 'course-quiz')
    await context.close()
    expect(problems).toEqual([])
  })
}
