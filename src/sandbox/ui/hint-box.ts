/**
 * "Ask for a hint" under a failed check (or a console error): the hint streams in, labelled
 * with who wrote it (an AI model, by name, or the offline hint builder); "That did not help"
 * asks for a second, more specific one; after that the box offers the Solve action instead
 * of a bigger hint. The request is built by the caller (src/sandbox/tutor/hint-context.ts)
 * from the learner's files, so this module never sees the solution.
 */
import { HintError, streamHint } from '../tutor/hint-client.ts'
import type { HintAttempt, HintRequest, HintStart } from '../../../api/tutor/hint-wire.ts'
import { el } from './element.ts'

export interface HintBoxOptions {
  /** Builds the request for this attempt, with the hints given so far. */
  request: (attempt: HintAttempt, previous: string[]) => HintRequest
  /** The sandbox's Solve action, when it has a solution. */
  solve?: () => void
  announce: (text: string) => void
}

/** The lesson's title and objectives, as the page shows them. */
export function lessonOnPage(doc: Document = document): { title: string; objectives: string[] } {
  return {
    title: doc.querySelector('article.lesson h1')?.textContent?.trim() ?? doc.title,
    objectives: [...doc.querySelectorAll('article.lesson .objectives li')].map(
      (li) => li.textContent?.trim() ?? '',
    ),
  }
}

function label(start: HintStart): HTMLElement {
  const p = el('p', 'sbx-hint-label')
  const badge = el('span', 'sbx-hint-badge', start.source === 'ai' ? 'AI hint' : 'Offline hint')
  const who =
    start.source === 'ai'
      ? ` written by ${start.model}, an AI model: it can be wrong`
      : ' built from the check, no AI model (this server has no OpenAI key)'
  p.append(badge, el('span', 'sbx-hint-who', who))
  return p
}

function button(text: string, action: string): HTMLButtonElement {
  const b = el('button', 'sbx-btn sbx-btn-small', text) as HTMLButtonElement
  b.type = 'button'
  b.dataset.action = action
  return b
}

export function hintBox(options: HintBoxOptions): HTMLElement {
  const box = el('div', 'sbx-hint')
  box.dataset.hint = ''
  const given: string[] = []
  const actions = el('div', 'sbx-hint-actions')
  const ask = button('Ask for a hint', 'ask-hint')
  actions.append(ask)
  box.append(actions)

  const offerSolve = () => {
    const note = el('p', 'sbx-hint-note', 'Two hints did not get you there: the solution will.')
    actions.replaceChildren(note)
    if (options.solve) {
      const solve = button('Solve: show the solution (undoable)', 'hint-solve')
      solve.addEventListener('click', () => options.solve!())
      actions.append(solve)
      solve.focus()
    }
    options.announce('No more hints: the Solve button shows the solution.')
  }

  const run = async (attempt: HintAttempt) => {
    const answer = el('div', 'sbx-hint-answer')
    answer.dataset.attempt = String(attempt)
    const text = el('p', 'sbx-hint-text')
    answer.setAttribute('aria-busy', 'true')
    answer.append(el('p', 'sbx-hint-label', 'Asking for a hint…'), text)
    actions.before(answer)
    actions.replaceChildren()
    let written = ''
    try {
      for await (const event of streamHint(options.request(attempt, [...given]))) {
        if (event.type === 'start') answer.firstElementChild!.replaceWith(label(event.start))
        else if (event.type === 'delta') text.textContent = written += event.delta
        else written = text.textContent = event.done.text
      }
      answer.removeAttribute('aria-busy')
      given.push(written)
      options.announce(`Hint: ${written}`)
      const more = button('That did not help', 'hint-again')
      more.addEventListener('click', () => (attempt === 1 ? void run(2) : offerSolve()))
      actions.replaceChildren(more)
    } catch (err) {
      answer.removeAttribute('aria-busy')
      const message =
        err instanceof HintError
          ? err.message
          : 'The hint could not be fetched. Check your connection and try again.'
      answer.replaceChildren(el('p', 'sbx-hint-error', message))
      answer.setAttribute('role', 'alert')
      const retry = button('Try again', 'ask-hint')
      retry.addEventListener('click', () => {
        answer.remove()
        void run(attempt)
      })
      actions.replaceChildren(retry)
    }
  }

  ask.addEventListener('click', () => void run(1))
  return box
}
