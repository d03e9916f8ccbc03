/**
 * The checks panel of an exercise: "Check my code" runs the sandbox's checks against the
 * learner's app (restarted with their current code) and shows each one: passed or failed, the
 * request, expected vs actual, and the hint. A check of several steps lists every step (the
 * request as sent, with templates filled and the jar's cookies; the response; what was
 * expected), marks the first failing step and opens it; later steps show as not run. When all
 * pass, the lesson is marked complete.
 */
import type { CheckResult, StepResult } from '../checks.ts'
import { el } from './element.ts'
import { describeActual, describeExpected, describeRequest, summarizeResults } from './check-format.ts'

export interface ChecksPanelOptions {
  run: () => Promise<CheckResult[]>
  onAllPassed: () => void
  announce: (text: string) => void
  /** The "Ask for a hint" box for a failed check (./hint-box.ts). */
  hint?: (result: CheckResult) => HTMLElement
}

export class ChecksPanel {
  readonly #panel: HTMLElement
  readonly #list: HTMLOListElement
  readonly #summary: HTMLElement
  readonly #badge: HTMLElement | null
  readonly #button: HTMLButtonElement
  readonly #options: ChecksPanelOptions
  #running = false

  constructor(panel: HTMLElement, tab: HTMLElement | null, options: ChecksPanelOptions) {
    this.#panel = panel
    this.#list = panel.querySelector('[data-checks-list]')!
    this.#summary = panel.querySelector('[data-checks-summary]')!
    this.#badge = tab?.querySelector('[data-badge]') ?? null
    this.#button = panel.querySelector('[data-action="check"]')!
    this.#options = options
    this.#button.addEventListener('click', () => void this.check())
  }

  async check(): Promise<CheckResult[] | undefined> {
    if (this.#running) return undefined
    this.#running = true
    // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
    this.#button.setAttribute('aria-disabled', 'true')
    this.#panel.dataset.busy = ''
    this.#summary.textContent = 'Running the checks…'
    try {
      const results = await this.#options.run()
      this.render(results)
      const allPassed = results.length > 0 && results.every((r) => r.passed)
      this.#options.announce(summarizeResults(results))
      if (allPassed) this.#options.onAllPassed()
      return results
    } catch (err) {
      this.#summary.textContent = `The checks could not run: ${err instanceof Error ? err.message : String(err)}`
      this.#options.announce(this.#summary.textContent)
      return undefined
    } finally {
      this.#running = false
      this.#button.removeAttribute('aria-disabled')
      delete this.#panel.dataset.busy
    }
  }

  /** A hint about something other than a check (a console error), above the list. */
  showHint(box: HTMLElement): void {
    this.#panel.querySelector('[data-console-hint]')?.remove()
    box.dataset.consoleHint = ''
    this.#list.before(box)
  }

  render(results: CheckResult[]): void {
    const passed = results.filter((r) => r.passed).length
    const allPassed = passed === results.length
    this.#summary.textContent = summarizeResults(results)
    this.#panel.dataset.result = allPassed ? 'passed' : 'failed'
    if (this.#badge) {
      this.#badge.hidden = false
      this.#badge.textContent = `${passed}/${results.length}`
      this.#badge.dataset.kind = allPassed ? 'success' : 'error'
      this.#badge.setAttribute('aria-label', summarizeResults(results))
    }
    // The first failure opens on its own: that is the one to work on.
    const firstFailure = results.findIndex((r) => !r.passed)
    this.#list.replaceChildren(...results.map((result, i) => this.#renderResult(result, i === firstFailure)))
    const done = this.#panel.querySelector('[data-checks-done]')
    done?.remove()
    if (allPassed) {
      const banner = document.createElement('p')
      banner.className = 'sbx-checks-done'
      banner.dataset.checksDone = ''
      banner.textContent = 'Well done: every check passes. This lesson is marked complete.'
      this.#list.before(banner)
    }
  }

  #renderResult(result: CheckResult, open: boolean): HTMLLIElement {
    const li = document.createElement('li')
    li.className = 'sbx-check'
    li.dataset.state = result.passed ? 'passed' : 'failed'
    const details = document.createElement('details')
    details.className = 'sbx-check-details'
    details.open = open
    const summary = document.createElement('summary')
    summary.append(mark(), el('span', 'sbx-check-name', result.name))
    if (result.steps.length > 1) summary.append(el('span', 'sbx-check-meta', `${result.steps.length} steps`))
    summary.append(el('span', 'visually-hidden', result.passed ? 'passed' : 'failed'))
    details.append(summary)

    const body = document.createElement('div')
    body.className = 'sbx-check-body'
    // A conversation's failure is told by its failing step, below.
    if (!result.passed && result.steps.length === 1) body.append(el('p', 'sbx-check-message', result.message))
    if (result.steps.length === 1) body.append(stepGrid(result.steps[0]!))
    else {
      const steps = document.createElement('ol')
      steps.className = 'sbx-steps'
      steps.setAttribute('aria-label', 'Steps')
      steps.append(...result.steps.map((step, i) => renderStep(step, i, i === result.failedStep)))
      body.append(steps)
    }
    if (!result.passed && result.hint) {
      const hint = document.createElement('p')
      hint.className = 'sbx-check-hint'
      const label = document.createElement('strong')
      label.textContent = 'Hint: '
      hint.append(label, result.hint)
      body.append(hint)
    }
    if (!result.passed && this.#options.hint) body.append(this.#options.hint(result))
    details.append(body)
    li.append(details)
    return li
  }
}

const STEP_STATE: Record<StepResult['state'], string> = {
  passed: 'passed',
  failed: 'failed: the first step to fix',
  skipped: 'not run',
}

/** One step of a conversation: what was sent, what came back, what was expected. The failing one opens. */
function renderStep(step: StepResult, index: number, failing: boolean): HTMLLIElement {
  const li = document.createElement('li')
  li.className = 'sbx-step'
  li.dataset.state = step.state
  if (failing) li.dataset.firstFailure = ''
  const line = `${step.request.method.toUpperCase()} ${step.request.path}`
  if (step.state === 'skipped') {
    li.append(
      mark(),
      el('span', 'sbx-step-title', `Step ${index + 1}${step.id ? ` · ${step.id}` : ''}`),
      el('code', 'sbx-step-line', line),
      el('span', 'sbx-step-state', 'not run'),
    )
    return li
  }
  const details = document.createElement('details')
  details.className = 'sbx-step-details'
  details.open = failing
  const summary = document.createElement('summary')
  summary.append(
    mark(),
    el('span', 'sbx-step-title', `Step ${index + 1}${step.id ? ` · ${step.id}` : ''}`),
    el('code', 'sbx-step-line', line),
    el('span', 'sbx-step-state', STEP_STATE[step.state]),
  )
  details.append(summary)
  const body = document.createElement('div')
  body.className = 'sbx-step-body'
  if (step.state === 'failed') body.append(el('p', 'sbx-check-message', step.message))
  body.append(stepGrid(step))
  details.append(body)
  li.append(details)
  return li
}

function stepGrid(step: StepResult): HTMLElement {
  const grid = document.createElement('div')
  grid.className = 'sbx-check-grid'
  grid.append(
    block('Request', describeRequest(step.request)),
    block('Expected', describeExpected(step.expected)),
    block(
      'Actual',
      step.actual
        ? describeActual(step.actual, step.expected)
        : step.state === 'skipped'
          ? 'Not sent: an earlier step failed.'
          : 'No response: the request was not sent or failed.',
    ),
  )
  return grid
}

function mark(): HTMLElement {
  const node = el('span', 'sbx-check-mark')
  node.setAttribute('aria-hidden', 'true')
  return node
}

function block(title: string, text: string): HTMLElement {
  const section = document.createElement('div')
  section.className = 'sbx-check-block'
  section.dataset.kind = title.toLowerCase()
  const heading = document.createElement('p')
  heading.className = 'sbx-check-block-title'
  heading.textContent = title
  const pre = document.createElement('pre')
  pre.textContent = text
  section.append(heading, pre)
  return section
}
