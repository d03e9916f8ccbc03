/**
 * The runtime indicator in the sandbox's header (which runtime, and what it is doing), the
 * Stop button that goes with it, and what the live region says when the app stops or crashes.
 */
import type { RuntimeStatus } from '../runtime.ts'

const STATE_LABELS: Record<RuntimeStatus['state'], string> = {
  idle: 'Ready to run',
  booting: 'Starting…',
  installing: 'Installing…',
  starting: 'Starting…',
  running: 'Running',
  stopped: 'Stopped',
  crashed: 'Crashed',
}

function indicator(root: HTMLElement): HTMLElement {
  return root.querySelector<HTMLElement>('[data-runtime]')!
}

/** Names the runtime ("Runs in your browser"…), with the state beside it. */
export function showRuntimeLabel(root: HTMLElement, label: string, state: RuntimeStatus['state']): void {
  const el = indicator(root)
  el.querySelector('[data-runtime-label]')!.textContent = label
  if (!el.querySelector('[data-runtime-status]')) {
    const status = document.createElement('span')
    status.className = 'sbx-runtime-status'
    status.dataset.runtimeStatus = ''
    status.textContent = STATE_LABELS[state]
    el.append(status)
  }
}

/** Shows a new status; Stop is enabled while the app starts or runs. */
export function showRuntimeStatus(
  root: HTMLElement,
  status: RuntimeStatus,
  announce: (text: string) => void,
): void {
  const el = indicator(root)
  el.dataset.runtimeState = status.state
  const detail =
    'detail' in status && status.detail
      ? `: ${status.detail}`
      : status.state === 'crashed'
        ? `: ${status.message}`
        : ''
  el.title = `${STATE_LABELS[status.state]}${detail}`
  el.querySelector('[data-runtime-status]')?.replaceChildren(STATE_LABELS[status.state])
  const busy = ['booting', 'installing', 'starting', 'running'].includes(status.state)
  const stop = root.querySelector<HTMLButtonElement>('[data-action="stop"]')!
  // A disabled button loses focus to <body>: after Stop, Run is the next thing to press.
  if (!busy && document.activeElement === stop)
    root.querySelector<HTMLElement>('[data-action="run"]')?.focus()
  stop.disabled = !busy
  const previous = root.dataset.runtimeState
  if (status.state !== previous) {
    if (status.state === 'stopped' && previous) announce('Your app stopped.')
    else if (status.state === 'crashed') announce(`Your app crashed: ${status.message}`)
  }
  root.dataset.runtimeState = status.state
}
