/**
 * One message bar above the code: what just happened to the learner's code and what they can
 * do about it (Undo, Keep my code…). Shown until acted on or dismissed, or for a few seconds
 * when there is nothing to choose.
 */

export interface NoticeAction {
  label: string
  primary?: boolean
  run: () => void
}

export interface NoticeContent {
  text: string
  kind?: 'info' | 'success' | 'warn' | 'error'
  actions?: NoticeAction[]
  /** Hide after this long; only for notices without actions. */
  timeoutMs?: number
}

export class Notice {
  readonly #host: HTMLElement
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(host: HTMLElement) {
    this.#host = host
  }

  show(content: NoticeContent): void {
    clearTimeout(this.#timer)
    const text = document.createElement('span')
    text.className = 'sbx-notice-text'
    text.textContent = content.text
    const buttons = (content.actions ?? []).map((action) => {
      const button = document.createElement('button')
      button.type = 'button'
      button.className = `sbx-btn ${action.primary ? 'sbx-btn-primary' : ''} sbx-btn-small`
      button.textContent = action.label
      button.addEventListener('click', () => {
        this.hide()
        action.run()
      })
      return button
    })
    const close = document.createElement('button')
    close.type = 'button'
    close.className = 'sbx-notice-close'
    close.setAttribute('aria-label', 'Dismiss message')
    close.textContent = '×'
    close.addEventListener('click', () => this.hide())
    this.#host.replaceChildren(text, ...buttons, close)
    this.#host.dataset.kind = content.kind ?? 'info'
    this.#host.dataset.visible = ''
    if (content.timeoutMs && !content.actions?.length)
      this.#timer = setTimeout(() => this.hide(), content.timeoutMs)
  }

  hide(): void {
    clearTimeout(this.#timer)
    delete this.#host.dataset.visible
    this.#host.replaceChildren()
  }
}
