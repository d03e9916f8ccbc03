/**
 * `<course-quiz>`: makes a server-rendered quiz (Quiz.astro) interactive. Each question checks
 * on submit (Enter or the Check button), marks the options, reveals their explanations and says
 * the result in its live region; answers are saved with the lesson's progress and restored on
 * load. A predict question can then send its request to the lesson's sandbox and show the
 * real response. Without JavaScript none of this runs and the answer keys stay as disclosures.
 */
import {
  isLessonComplete,
  lessonPath,
  lessonRequirements,
  storedProgress,
  recordQuizAnswers,
} from '../../sandbox/ui/progress.ts'
import { LOCAL_ORIGIN } from '../../sandbox/ui/request-model.ts'
import type { PredictRequest } from './quiz-rules.ts'

interface QuestionView {
  number: string
  form: HTMLFormElement
  kind: 'single' | 'multiple'
  options: HTMLLIElement[]
  correct: Set<number>
  feedback: HTMLElement
}

/** What a `<course-sandbox>` offers once upgraded (sandbox-app.ts sets `sandbox`). */
interface SandboxElement extends HTMLElement {
  upgrade(): Promise<void>
  sandbox?: { fetch(request: Request): Promise<Response> }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

class CourseQuiz extends HTMLElement {
  #questions: QuestionView[] = []
  #answers: Record<string, number[]> = {}
  #results = new Map<string, boolean>()
  #summary: HTMLElement | null = null

  connectedCallback() {
    if (this.#questions.length) return
    this.#summary = this.querySelector('[data-quiz-summary]')
    for (const form of this.querySelectorAll<HTMLFormElement>('form[data-question]')) {
      const options = [...form.querySelectorAll<HTMLLIElement>('li.quiz-option')]
      const view: QuestionView = {
        number: form.dataset.question!,
        form,
        kind: form.dataset.kind === 'multiple' ? 'multiple' : 'single',
        options,
        correct: new Set(options.flatMap((li, i) => (li.hasAttribute('data-correct') ? [i] : []))),
        feedback: form.querySelector('[data-quiz-feedback]')!,
      }
      this.#questions.push(view)
      form.querySelector<HTMLElement>('[data-quiz-actions]')!.hidden = false
      // With JavaScript, explanations appear beside the options after answering instead.
      form.querySelector<HTMLElement>('[data-quiz-key]')!.hidden = true
      form.addEventListener('submit', (event) => {
        event.preventDefault()
        this.#check(view)
      })
      form.addEventListener('change', () => this.#clear(view))
      form.querySelector('[data-quiz-send]')?.addEventListener('click', () => void this.#send(view))
    }
    this.#restore()
    // The lesson may complete later, when its exercise's checks pass.
    window.addEventListener('course:progress', this.#onProgress)
  }

  disconnectedCallback() {
    window.removeEventListener('course:progress', this.#onProgress)
  }

  #onProgress = () => void this.#summarize()

  #chosen(view: QuestionView): number[] {
    return view.options.flatMap((li, i) => (li.querySelector('input')!.checked ? [i] : []))
  }

  #isRight(view: QuestionView, chosen: number[]): boolean {
    return chosen.length === view.correct.size && chosen.every((i) => view.correct.has(i))
  }

  #restore() {
    const saved = storedProgress()[lessonPath(location.pathname)]?.quiz?.answers ?? {}
    for (const view of this.#questions) {
      const chosen = saved[view.number]
      // Answers saved for an older version of the quiz may point past its options: skip them.
      if (!Array.isArray(chosen) || !chosen.length || chosen.some((i) => !view.options[i])) continue
      if (view.kind === 'single' && chosen.length > 1) continue
      chosen.forEach((i) => (view.options[i]!.querySelector('input')!.checked = true))
      this.#answers[view.number] = chosen
      this.#results.set(view.number, this.#isRight(view, chosen))
      this.#show(view, chosen)
    }
    this.#summarize()
  }

  #check(view: QuestionView) {
    const chosen = this.#chosen(view)
    if (!chosen.length) {
      view.feedback.textContent =
        view.kind === 'multiple' ? 'Choose at least one answer first.' : 'Choose an answer first.'
      return
    }
    const right = this.#isRight(view, chosen)
    this.#answers[view.number] = chosen
    this.#results.set(view.number, right)
    this.#show(view, chosen)
    const passed = this.#questions.every((q) => this.#results.get(q.number))
    let completed = false
    try {
      const correct = this.#questions.filter((q) => this.#results.get(q.number)).length
      completed = recordQuizAnswers(
        location.pathname,
        { ...this.#answers },
        { correct, total: this.#questions.length },
      )
    } catch {
      // Storage disabled: the result still shows on this page.
    }
    const summary = this.#summarize()
    if (passed || completed) view.feedback.textContent += ` ${summary}`
  }

  /** Marks the options and says the result; explanations of all options once it is right. */
  #show(view: QuestionView, chosen: number[]) {
    const right = this.#isRight(view, chosen)
    view.form.dataset.state = right ? 'correct' : 'wrong'
    view.options.forEach((li, i) => {
      const picked = chosen.includes(i)
      const isCorrect = view.correct.has(i)
      li.dataset.result = picked ? (isCorrect ? 'correct' : 'wrong') : ''
      const explain = li.querySelector<HTMLElement>('[data-quiz-explain]')!
      explain.hidden = !(right || picked)
      li.querySelector('[data-quiz-verdict]')!.textContent = isCorrect ? 'Correct.' : 'Not correct.'
      const input = li.querySelector('input')!
      if (explain.hidden) input.removeAttribute('aria-describedby')
      else input.setAttribute('aria-describedby', explain.id)
    })
    view.feedback.textContent = right ? 'Correct!' : this.#wrongMessage(view, chosen)
    const predict = view.form.querySelector<HTMLElement>('[data-quiz-predict]')
    if (predict) predict.hidden = false
  }

  #wrongMessage(view: QuestionView, chosen: number[]): string {
    if (view.kind === 'single') return 'Not quite. The explanation under your answer says why; try another.'
    const wrong = chosen.filter((i) => !view.correct.has(i)).length
    if (wrong)
      return `Not quite: ${plural(wrong, 'of your choices is', 'of your choices are')} wrong. Read why under ${wrong === 1 ? 'it' : 'them'} and try again.`
    return `Not quite: you found ${chosen.length} of the ${view.correct.size} right answers. There is more.`
  }

  /** The learner changed the selection: the old result no longer describes it. */
  #clear(view: QuestionView) {
    if (!view.form.dataset.state) return
    delete view.form.dataset.state
    this.#results.delete(view.number)
    view.feedback.textContent = ''
    for (const li of view.options) {
      li.dataset.result = ''
      li.querySelector<HTMLElement>('[data-quiz-explain]')!.hidden = true
      li.querySelector('input')!.removeAttribute('aria-describedby')
    }
    this.#summarize()
  }

  /** Updates the line under the quiz and returns it. */
  #summarize(): string {
    const total = this.#questions.length
    const right = this.#questions.filter((q) => this.#results.get(q.number)).length
    let text = ''
    if (right === total) {
      const complete = isLessonComplete(storedProgress()[lessonPath(location.pathname)])
      const exercises = lessonRequirements().exercises.length
      text = `All ${total} questions answered correctly.`
      if (complete) text += ' Lesson complete.'
      else if (exercises)
        text += ` Pass the ${exercises === 1 ? "exercise's" : "exercises'"} checks to complete the lesson.`
    } else if (this.#results.size) text = `${right} of ${total} questions answered correctly.`
    if (this.#summary) {
      this.#summary.textContent = text
      this.#summary.hidden = !text
      this.#summary.dataset.done = right === total ? 'true' : 'false'
    }
    return text
  }

  async #send(view: QuestionView) {
    const panel = view.form.querySelector<HTMLElement>('[data-quiz-predict]')!
    const button = panel.querySelector<HTMLButtonElement>('[data-quiz-send]')!
    const output = panel.querySelector<HTMLElement>('[data-quiz-predict-result]')!
    const request = JSON.parse(panel.dataset.request!) as PredictRequest
    const sandbox = document.querySelector<SandboxElement>(
      `course-sandbox[data-name="${CSS.escape(request.sandbox)}"]`,
    )
    output.replaceChildren()
    if (!sandbox) {
      output.textContent = `The sandbox "${request.sandbox}" is not on this page.`
      return
    }
    button.disabled = true
    output.textContent = 'Running the app in the sandbox…'
    try {
      await sandbox.upgrade()
      if (!sandbox.sandbox) throw new Error('the sandbox did not load (it says why above)')
      const response = await sandbox.sandbox.fetch(
        new Request(new URL(request.path, LOCAL_ORIGIN), {
          method: request.method,
          ...(request.headers ? { headers: request.headers } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
        }),
      )
      const body = await response.text()
      const status = document.createElement('p')
      const strong = document.createElement('strong')
      strong.textContent = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
      status.append('The sandbox answered ', strong)
      output.replaceChildren(status)
      if (body) {
        const pre = document.createElement('pre')
        pre.className = 'quiz-predict-body'
        pre.tabIndex = 0
        pre.setAttribute('aria-label', 'Response body')
        let shown = body
        try {
          shown = JSON.stringify(JSON.parse(body), null, 2)
        } catch {
          // Not JSON: shown as it came.
        }
        pre.textContent = shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown
        output.append(pre)
      }
    } catch (err) {
      output.textContent = `The request could not be sent: ${err instanceof Error ? err.message : String(err)}`
    } finally {
      button.disabled = false
    }
  }
}

if (!customElements.get('course-quiz')) customElements.define('course-quiz', CourseQuiz)
