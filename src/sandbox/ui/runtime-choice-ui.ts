/**
 * What the sandbox shows about its runtime: the indicator's label, the runtime switch, the
 * notice when a sandbox fell back to the browser runtime, and the explanation panel when a
 * sandbox needs Node and cannot have it (what happened, why, what to do). Used by the sandbox
 * UI (src/sandbox/ui/sandbox-app.ts); the words come from fallback-reason.ts.
 */
import type { RuntimeChoice } from '../runtime-choice.ts'
import type { RuntimeKind } from '../runtime.ts'
import { bootWebContainer, pageBootTimeout, type BootOutcome } from '../webcontainer/boot.ts'
import { explainFallback, type FallbackReason } from '../webcontainer/fallback-reason.ts'
import './runtime-choice-ui.css'

export { RUNTIME_LABELS } from '../runtime-choice.ts'

/** The error WebContainerRuntime.start() throws when no WebContainer can run (without importing it). */
export function isWebContainerUnavailable(err: unknown): err is Error & { reason: FallbackReason } {
  return (
    err instanceof Error &&
    err.name === 'WebContainerUnavailableError' &&
    typeof (err as { reason?: unknown }).reason === 'object'
  )
}

/**
 * Starts booting the page's WebContainer as soon as a sandbox that will use it goes live, so
 * the boot (and its timeout) overlap the learner reading the code instead of following Run.
 */
export function warmUpWebContainer(root: HTMLElement): Promise<BootOutcome> {
  return bootWebContainer(pageBootTimeout(root))
}

/** `npm run dev` → <code>npm run dev</code>; the rest as text. */
function withCode(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment()
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
      const code = document.createElement('code')
      code.textContent = part.slice(1, -1)
      fragment.append(code)
    } else if (part) fragment.append(part)
  })
  return fragment
}

const RETRYABLE = new Set<FallbackReason['code']>(['boot-timeout', 'boot-failed', 'offline', 'not-isolated'])

/** The notice shown above the code when a sandbox moved to the browser runtime. */
export function fallbackNotice(reason: FallbackReason): {
  text: string
  kind: 'warn'
  actions: { label: string; run: () => void }[]
} {
  const explanation = explainFallback(reason, true)
  return {
    text: `Running in the browser runtime: ${explanation.summary}. ${explanation.why}`,
    kind: 'warn',
    actions: RETRYABLE.has(reason.code)
      ? [{ label: 'Reload to try Node again', run: () => location.reload() }]
      : [],
  }
}

/**
 * Replaces the output pane's contents with the explanation for a sandbox that needs Node and
 * cannot have it. The code stays readable and editable; Run is disabled with the reason.
 */
export function showUnavailablePanel(root: HTMLElement, reason: FallbackReason): HTMLElement {
  root.querySelector('[data-unavailable]')?.remove()
  const explanation = explainFallback(reason, false)
  const id = `${root.id || 'sbx'}-unavailable`
  const panel = document.createElement('section')
  panel.className = 'sbx-unavailable'
  panel.dataset.unavailable = reason.code
  panel.setAttribute('aria-labelledby', `${id}-title`)

  const title = document.createElement('h3')
  title.id = `${id}-title`
  title.textContent = `This example needs Node: ${explanation.summary}`
  const list = document.createElement('dl')
  const entry = (term: string, detail: Node) => {
    const dt = document.createElement('dt')
    dt.textContent = term
    const dd = document.createElement('dd')
    dd.append(detail)
    list.append(dt, dd)
  }
  entry('What happened', withCode(explanation.what))
  entry('Why', withCode(explanation.why))
  const todo = document.createElement('ul')
  for (const step of explanation.todo) {
    const li = document.createElement('li')
    li.append(withCode(step))
    todo.append(li)
  }
  entry('What you can do', todo)
  panel.append(title, list)
  if (RETRYABLE.has(reason.code)) {
    const reload = document.createElement('button')
    reload.type = 'button'
    reload.className = 'sbx-btn sbx-btn-primary'
    reload.textContent = 'Reload to try again'
    reload.addEventListener('click', () => location.reload())
    panel.append(reload)
  }

  const pane = root.querySelector<HTMLElement>('[data-output-pane]') ?? root
  pane.dataset.unavailable = ''
  pane.prepend(panel)
  const run = root.querySelector<HTMLButtonElement>('[data-action="run"]')
  if (run) {
    run.disabled = true
    run.title = `Cannot run here: ${explanation.summary}`
  }
  root.dataset.runtimeState = 'unavailable'
  const indicator = root.querySelector<HTMLElement>('[data-runtime]')
  if (indicator) {
    indicator.dataset.runtimeState = 'unavailable'
    indicator.title = explanation.summary
    const label = indicator.querySelector('[data-runtime-label]')
    if (label) label.textContent = 'Needs Node: unavailable here'
    indicator.querySelector('[data-runtime-status]')?.remove()
  }
  return panel
}

/**
 * A "Use Node" / "Use browser runtime" button next to the runtime indicator, for sandboxes
 * that support both. Hidden when the other runtime cannot run in this browser.
 */
export function renderRuntimeSwitch(
  root: HTMLElement,
  choice: RuntimeChoice,
  onSwitch: (to: RuntimeKind) => void,
): (() => void) | undefined {
  root.querySelector('[data-runtime-switch]')?.remove()
  if (choice.runtime === 'none' || !choice.switchable) return undefined
  // A WebContainer that could not run here (iOS, no isolation, a boot that timed out) is not worth offering.
  if (choice.runtime === 'worker' && choice.fallback) return undefined
  const to: RuntimeKind = choice.runtime === 'worker' ? 'webcontainer' : 'worker'
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'sbx-btn sbx-btn-quiet sbx-btn-small sbx-runtime-switch'
  button.dataset.runtimeSwitch = to
  button.textContent = to === 'webcontainer' ? 'Use Node' : 'Use browser runtime'
  button.title =
    to === 'webcontainer'
      ? 'Run this example in real Node (a WebContainer), with a terminal'
      : 'Run this example in the faster in-browser runtime'
  const click = () => onSwitch(to)
  button.addEventListener('click', click)
  const indicator = root.querySelector<HTMLElement>('[data-runtime]')
  if (indicator) indicator.after(button)
  else root.querySelector('[data-output-tabs]')?.before(button)
  return () => button.remove()
}
