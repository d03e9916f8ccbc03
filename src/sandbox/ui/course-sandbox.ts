/**
 * `<course-sandbox>`: the only sandbox code a lesson page loads up front (a few KB). It
 * upgrades the server-rendered sandbox into the live one — Monaco, runtime, panels — when the
 * sandbox is in view, when the learner is scrolling towards it, or at once when they focus or
 * click it. The click that caused the upgrade (Run, Send, a tab…) is replayed once it is live.
 *
 * Until the learner interacts with the page, only a sandbox actually on screen loads: a lesson
 * read from the top costs no editor code. From the first scroll, key or touch on, sandboxes
 * within ~1.5 screens start loading, so the editor is usually ready when the learner gets there.
 */

import { sharedSandboxName } from '../share/share-fragment.ts'

export type SandboxState = 'static' | 'loading' | 'ready' | 'error'

/** How far ahead sandboxes load once the learner is moving through the page. */
const LOOKAHEAD = '150% 0px 150% 0px'

const waiting = new Set<CourseSandboxElement>()
let lookahead: IntersectionObserver | undefined

/** The learner has started reading: watch every waiting sandbox with the wide margin. */
function armLookahead() {
  if (lookahead) return
  lookahead = new IntersectionObserver(
    (entries) => {
      for (const entry of entries)
        if (entry.isIntersecting) void (entry.target as CourseSandboxElement).upgrade()
    },
    { rootMargin: LOOKAHEAD },
  )
  for (const el of waiting) lookahead.observe(el)
  for (const type of ['scroll', 'keydown', 'pointerdown'] as const)
    removeEventListener(type, armLookahead, true)
}
for (const type of ['scroll', 'keydown', 'pointerdown'] as const)
  addEventListener(type, armLookahead, { capture: true, passive: true })

export class CourseSandboxElement extends HTMLElement {
  #upgrade: Promise<void> | undefined
  #observer: IntersectionObserver | undefined
  #pendingClick: HTMLElement | undefined

  connectedCallback() {
    if (this.#upgrade) return
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.upgrade()
    })
    this.#observer.observe(this)
    waiting.add(this)
    lookahead?.observe(this)
    this.addEventListener('focusin', this.#onIntent)
    this.addEventListener('pointerdown', this.#onIntent)
    this.addEventListener('click', this.#onEarlyClick, true)
    this.#openShareLink()
  }

  /** Opened from a share link for this sandbox: go to it and load it now, saying what is coming. */
  #openShareLink() {
    const name = this.dataset.name
    if (!name || sharedSandboxName(location.hash) !== name) return
    if (document.querySelector(`course-sandbox[data-name="${name}"]`) !== this) return
    const notice = this.querySelector<HTMLElement>('[data-notice]')
    if (notice) {
      notice.textContent = 'Opening the code shared with you…'
      notice.dataset.kind = 'info'
      notice.dataset.visible = ''
    }
    requestAnimationFrame(() => this.scrollIntoView({ block: 'start' }))
    void this.upgrade()
  }

  disconnectedCallback() {
    this.#observer?.disconnect()
    lookahead?.unobserve(this)
    waiting.delete(this)
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
    lookahead?.unobserve(this)
    waiting.delete(this)
    this.removeEventListener('focusin', this.#onIntent)
    this.removeEventListener('pointerdown', this.#onIntent)
    this.dataset.state = 'loading'
    this.setAttribute('aria-busy', 'true')
    // User timings for bench/lesson-page: fetch + evaluate of the editor chunk, then mounting.
    const mark = (name: string) => performance.mark(`course-sandbox:${name}`, { detail: this.dataset.name })
    mark('load')
    try {
      const { mountSandbox } = await import('./sandbox-app.ts')
      mark('module')
      await mountSandbox(this)
      mark('ready')
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
        notice.setAttribute('role', 'alert')
      }
    } finally {
      this.removeAttribute('aria-busy')
    }
  }
}

if (!customElements.get('course-sandbox')) customElements.define('course-sandbox', CourseSandboxElement)

// A share link for a sandbox this page does not have (a link edited by hand, or a sandbox that
// moved to another lesson): say so instead of silently showing the page.
const sharedName = sharedSandboxName(location.hash)
if (sharedName && !document.querySelector(`course-sandbox[data-name="${sharedName}"]`)) {
  const message = document.createElement('p')
  message.className = 'sbx-share-missing'
  message.setAttribute('role', 'alert')
  message.textContent = `This share link is for the sandbox "${sharedName}", which is not on this page, so there is no code to show. Nothing of yours was changed.`
  document.querySelector('main')?.prepend(message)
}

declare global {
  interface HTMLElementTagNameMap {
    'course-sandbox': CourseSandboxElement
  }
}
