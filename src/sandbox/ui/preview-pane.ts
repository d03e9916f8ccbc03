/**
 * The preview of apps that serve pages: the page at the current path, framed from the
 * runtime's preview URL (on the sandbox origin, so its scripts never run with the course's
 * cookies or storage), with reload and a path field.
 */

export function previewSrc(base: string, path: string): string {
  const cleanPath = path.trim() === '' ? '/' : path.trim().startsWith('/') ? path.trim() : `/${path.trim()}`
  return `${base.replace(/\/+$/, '')}${cleanPath}`
}

/** What a preview may do; everything else (top navigation, popups, downloads) is refused. */
export const PREVIEW_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-modals'

export class PreviewPane {
  readonly #frameHost: HTMLElement
  readonly #pathInput: HTMLInputElement
  readonly #title: string
  #base: string | undefined
  #frame: HTMLIFrameElement | undefined
  #loads = 0

  constructor(panel: HTMLElement, title: string) {
    this.#frameHost = panel.querySelector('[data-preview-frame]')!
    this.#pathInput = panel.querySelector('[data-preview-path]')!
    this.#title = title
    panel.querySelector('[data-preview-form]')!.addEventListener('submit', (event) => {
      event.preventDefault()
      this.reload()
    })
    panel.querySelector('[data-action="preview-reload"]')!.addEventListener('click', () => this.reload())
  }

  /** The running app's preview base URL, or undefined when it stopped. */
  setBase(base: string | undefined): void {
    this.#base = base
    if (!base) {
      this.#frame?.remove()
      this.#frame = undefined
      this.#frameHost.dataset.state = 'stopped'
      return
    }
    this.reload()
  }

  get src(): string | undefined {
    return this.#base ? previewSrc(this.#base, this.#pathInput.value) : undefined
  }

  /** How many times the preview was (re)loaded: lets Run skip a second load of the same start. */
  get loads(): number {
    return this.#loads
  }

  reload(): void {
    const src = this.src
    if (!src) return
    this.#loads++
    // A new frame for every load. Reusing one needed an about:blank step to reload the same
    // cross-origin URL, and that step's late commit could cancel the real navigation under
    // load: the preview stayed blank (sandbox-ui.spec's XHR page, about 1 run in 10 on CI).
    const frame = document.createElement('iframe')
    frame.className = 'sbx-preview-iframe'
    frame.title = `Preview: ${this.#title}`
    frame.referrerPolicy = 'no-referrer'
    // The learner's page may run scripts, post forms and show alert()/confirm(); it keeps its
    // own (sandbox) origin, which its Service Worker needs. It may not navigate the course
    // tab (a fake login page) or open popups.
    frame.sandbox.value = PREVIEW_SANDBOX
    frame.src = src
    this.#frame = frame
    this.#frameHost.dataset.state = 'running'
    this.#frameHost.replaceChildren(frame)
  }
}
