/**
 * `<course-sandbox>`: the only sandbox code a lesson page loads up front (a few KB). It
 * upgrades the server-rendered sandbox into the live one — Monaco, runtime, panels — when the
 * sandbox comes near the viewport, or at once when the learner focuses or clicks it. The
 * click that caused the upgrade (Run, Send, a tab…) is replayed once the sandbox is live.
 */

export type SandboxState = 'static' | 'loading' | 'ready' | 'error'

/** Starts loading this far before the sandbox scrolls into view, so it is usually ready on arrival. */
const NEAR_VIEWPORT = '400px 0px'

export class CourseSandboxElement extends HTMLElement {
  #upgrade: Promise<void> | undefined
  #observer: IntersectionObserver | undefined
  #pendingClick: HTMLElement | undefined

  connectedCallback() {
    if (this.#upgrade) return
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.upgrade()
      },
      { rootMargin: NEAR_VIEWPORT },
    )
    this.#observer.observe(this)
    this.addEventListener('focusin', this.#onIntent)
    this.addEventListener('pointerdown', this.#onIntent)
    this.addEventListener('click', this.#onEarlyClick, true)
  }

  disconnectedCallback() {
    this.#observer?.disconnect()
  }

  get state(): SandboxState {
    return (this.dataset.state as SandboxState | undefined) ?? 'static'
  }

  /** Loads the editor and runtime UI once; later calls return the same promise. */
  upgrade(): Promise<void> {
    this.#upgrade ??= this.#load()
    return this.#upgrade
  }

  #onIntent = () => void this.upgrade()

  /** Before the sandbox is live, a click on a control is remembered and replayed after. */
  #onEarlyClick = (event: MouseEvent) => {
    if (this.state === 'ready') return
    const control = (event.target as Element | null)?.closest<HTMLElement>('button, [role="tab"], summary')
    if (!control || !this.contains(control) || control.closest('dialog')) return
    if (control.matches('summary')) return // <details> open natively; nothing to replay
    event.preventDefault()
    event.stopPropagation()
    this.#pendingClick = control
    void this.upgrade()
  }

  async #load() {
    this.#observer?.disconnect()
    this.removeEventListener('focusin', this.#onIntent)
    this.removeEventListener('pointerdown', this.#onIntent)
    this.dataset.state = 'loading'
    this.setAttribute('aria-busy', 'true')
    try {
      const { mountSandbox } = await import('./sandbox-app.ts')
      await mountSandbox(this)
      this.dataset.state = 'ready'
      this.dispatchEvent(new CustomEvent('sandbox:ready', { bubbles: true }))
      const pending = this.#pendingClick
      this.#pendingClick = undefined
      if (pending?.isConnected && !(pending as HTMLButtonElement).disabled) pending.click()
    } catch (err) {
      this.dataset.state = 'error'
      console.error(err)
      const notice = this.querySelector<HTMLElement>('[data-notice]')
      if (notice) {
        notice.textContent = `The editor could not load (${err instanceof Error ? err.message : String(err)}). The code above is the starter; reload the page to try again.`
        notice.dataset.kind = 'error'
      }
    } finally {
      this.removeAttribute('aria-busy')
    }
  }
}

if (!customElements.get('course-sandbox')) customElements.define('course-sandbox', CourseSandboxElement)

declare global {
  interface HTMLElementTagNameMap {
    'course-sandbox': CourseSandboxElement
  }
}
