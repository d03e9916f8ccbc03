/**
 * A sandbox with several services (Sandbox.astro's services bar): which one the request panel
 * talks to, each one's state, and a Stop/Start switch per service, so the learner can watch the
 * others cope when one is down.
 */
import type { SandboxRuntime, ServiceState } from '../runtime.ts'

const LABELS: Partial<Record<ServiceState, string>> = {
  idle: 'not running',
  starting: 'starting…',
  running: 'running',
  stopped: 'stopped',
  crashed: 'crashed',
}

export interface ServicesBarOptions {
  announce: (text: string) => void
  showError: (message: string) => void
  /** False until the app has been run once: an idle service cannot be started on its own. */
  hasRun: () => boolean
}

/** Wires the bar to the runtime; returns the unwiring, or undefined without a bar or services. */
export function wireServicesBar(
  root: HTMLElement,
  runtime: SandboxRuntime,
  options: ServicesBarOptions,
): (() => void) | undefined {
  const bar = root.querySelector<HTMLElement>('[data-services]')
  if (!bar || !runtime.onServices || !runtime.setService) return undefined
  const setService = runtime.setService.bind(runtime)
  const target = bar.querySelector<HTMLSelectElement>('[data-service-target]')!
  const pick = () => (runtime.service = target.value)
  pick()
  target.addEventListener('change', pick)
  const show = (services: Record<string, ServiceState>) => {
    for (const item of bar.querySelectorAll<HTMLElement>('[data-service]')) {
      const name = item.dataset.service!
      const state = services[name] ?? 'idle'
      item.dataset.state = state
      item.querySelector('[data-service-state]')!.textContent = LABELS[state] ?? state
      const toggle = item.querySelector<HTMLButtonElement>('[data-service-toggle]')!
      const running = state === 'running' || state === 'starting'
      toggle.textContent = running ? 'Stop' : 'Start'
      toggle.setAttribute('aria-label', `${running ? 'Stop' : 'Start'} ${name}`)
      toggle.disabled = state === 'idle' && !options.hasRun()
    }
  }
  const onToggle = (event: Event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-service-toggle]')
    const name = button?.closest<HTMLElement>('[data-service]')?.dataset.service
    if (!button || !name) return
    const action = button.textContent === 'Stop' ? 'stop' : 'start'
    button.disabled = true
    void setService(name, action)
      .then(() => options.announce(`${name} ${action === 'stop' ? 'stopped' : 'started'}.`))
      .catch((err: Error) => options.showError(err.message))
  }
  bar.addEventListener('click', onToggle)
  const stopWatching = runtime.onServices(show)
  return () => {
    stopWatching()
    bar.removeEventListener('click', onToggle)
    target.removeEventListener('change', pick)
  }
}
