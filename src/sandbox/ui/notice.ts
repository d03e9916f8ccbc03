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
  /** A read-only text field to copy from (a share link when the clipboard is not available). */
  field?: { label: string; value: string }
  /** Hide after this long; only for notices without actions. */
  timeoutMs?: number
}

export class Notice {
  readonly #host: HTMLElement
  readonly #fallbackFocus: () => HTMLElement | null | undefined
  readonly #announce: (text: string) => void
  #timer: ReturnType<typeof setTimeout> | undefined
  #returnFocus: HTMLElement | undefined

  /**
   * `announce`: the sandbox's live region (the bar itself is not one, so its buttons are not
   * read out each time); `fallbackFocus`: where focus goes when the notice closes under it
   * and its opener is gone.
   */
  constructor(
    host: HTMLElement,
    announce: (text: string) => void,
    fallbackFocus: () => HTMLElement | null | undefined = () => undefined,
  ) {
    this.#host = host
    this.#announce = announce
    this.#fallbackFocus = fallbackFocus
  }

  show(content: NoticeContent): void {
    clearTimeout(this.#timer)
    // Where the learner was (Reset, Solve…): focus goes back there when they act on the notice.
    const active = document.activeElement
    if (active instanceof HTMLElement && active !== document.body && !this.#host.contains(active))
      this.#returnFocus = active
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
    const field = content.field ? this.#field(content.field) : undefined
    const close = document.createElement('button')
    close.type = 'button'
    close.className = 'sbx-notice-close'
    close.setAttribute('aria-label', 'Dismiss message')
    close.textContent = '×'
    close.addEventListener('click', () => this.hide())
    this.#host.replaceChildren(text, ...(field ? [field] : []), ...buttons, close)
    this.#host.dataset.kind = content.kind ?? 'info'
    this.#host.dataset.visible = ''
    const choices = (content.actions ?? []).map((a) => a.label)
    this.#announce(choices.length ? `${content.text} (${choices.join(', ')})` : content.text)
    if (content.timeoutMs && !content.actions?.length)
      this.#timer = setTimeout(() => this.hide(), content.timeoutMs)
  }

  #field({ label, value }: { label: string; value: string }): HTMLElement {
    const wrap = document.createElement('label')
    wrap.className = 'sbx-notice-field'
    const name = document.createElement('span')
    name.className = 'visually-hidden'
    name.textContent = label
    const input = document.createElement('input')
    input.readOnly = true
    input.value = value
    input.addEventListener('focus', () => input.select())
    wrap.append(name, input)
    return wrap
  }

  hide(): void {
    clearTimeout(this.#timer)
    // Removing the focused button would drop focus to <body>: a keyboard user would start over.
    const hadFocus = this.#host.contains(document.activeElement)
    delete this.#host.dataset.visible
    this.#host.replaceChildren()
    if (hadFocus) {
      const back = this.#returnFocus
      const usable = back?.isConnected && !(back as HTMLButtonElement).disabled && back.offsetParent !== null
      ;(usable ? back : this.#fallbackFocus())?.focus()
    }
  }
}
