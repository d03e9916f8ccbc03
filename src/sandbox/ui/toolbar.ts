/**
 * The sandbox's toolbar buttons (`data-action="…"` in Sandbox.astro), its keyboard shortcuts
 * (Ctrl/Cmd+Enter runs from anywhere in the sandbox but the editor, which has its own; Escape
 * leaves the full window), the full window itself and the help dialog.
 */

export type ToolbarAction =
  | 'run'
  | 'stop'
  | 'reset'
  | 'solve'
  | 'help'
  | 'share'
  | 'download'
  | 'expand'
  | 'copy-console'
  | 'clear-console'

/** Wires each button that is on the page to its action (a sandbox shows only some of them). */
export function wireToolbar(
  root: HTMLElement,
  actions: Record<ToolbarAction, () => void>,
  onLayout: () => void,
): void {
  for (const [action, handler] of Object.entries(actions))
    root.querySelector(`[data-action="${action}"]`)?.addEventListener('click', handler)

  root.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return
    const target = event.target as Element
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !target.closest('.monaco-editor')) {
      event.preventDefault()
      actions.run()
    } else if (
      event.key === 'Escape' &&
      root.hasAttribute('data-expanded') &&
      !target.closest('.monaco-editor, dialog')
    ) {
      toggleFullWindow(root, onLayout, false)
    }
  })
}

/** The sandbox fills the window (or leaves it); `onLayout` re-measures the editor. */
export function toggleFullWindow(root: HTMLElement, onLayout: () => void, force?: boolean): void {
  const expanded = force ?? !root.hasAttribute('data-expanded')
  root.toggleAttribute('data-expanded', expanded)
  document.documentElement.toggleAttribute('data-sandbox-expanded', expanded)
  const button = root.querySelector<HTMLElement>('[data-action="expand"]')!
  button.setAttribute('aria-pressed', String(expanded))
  button.setAttribute('aria-label', expanded ? 'Leave full window' : 'Expand sandbox to fill the window')
  button.title = expanded ? 'Leave full window (Escape)' : 'Expand'
  onLayout()
}

export function openHelp(root: HTMLElement): void {
  const dialog = root.querySelector<HTMLDialogElement>('[data-help-dialog]')
  if (dialog && !dialog.open) dialog.showModal()
}

/** Marks Run when the code in the editor is not the code that runs. */
export function showRunStale(root: HTMLElement, stale: boolean): void {
  const run = root.querySelector<HTMLElement>('[data-action="run"]')!
  run.toggleAttribute('data-stale', stale)
  run.title = stale ? 'Your edits are not running yet: Run (Ctrl+Enter)' : 'Run (Ctrl+Enter)'
}
