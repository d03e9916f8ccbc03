/**
 * The resizable divider between code and output: drag it, or focus it and use the arrow keys
 * (Home/End for the extremes). Side by side it sets the code's share of the width; stacked,
 * the code's height. A WAI-ARIA "window splitter".
 */

export type SplitLayout = 'side' | 'stacked'

const MIN = 20
const MAX = 80

export function clampShare(share: number): number {
  return Math.min(MAX, Math.max(MIN, Math.round(share)))
}

export class Splitter {
  readonly #root: HTMLElement
  readonly #body: HTMLElement
  readonly #handle: HTMLElement
  readonly #editorPane: HTMLElement
  #share = 50
  #heightPx: number | undefined
  #layout: SplitLayout = 'stacked'
  readonly #observer: ResizeObserver

  constructor(root: HTMLElement, onResize: () => void) {
    this.#root = root
    this.#body = root.querySelector('[data-body]')!
    this.#handle = root.querySelector('[data-splitter]')!
    this.#editorPane = root.querySelector('[data-editor-pane]')!
    this.#handle.addEventListener('pointerdown', (e) => this.#drag(e, onResize))
    this.#handle.addEventListener('keydown', (e) => this.#key(e, onResize))
    this.#observer = new ResizeObserver(() => this.#updateLayout())
    this.#observer.observe(this.#body)
    this.#updateLayout()
  }

  get layout(): SplitLayout {
    return this.#layout
  }

  dispose(): void {
    this.#observer.disconnect()
  }

  /** The CSS decides the layout (a container query); read it back so the keys and ARIA match. */
  #updateLayout() {
    const side = getComputedStyle(this.#body).getPropertyValue('--sbx-layout').trim() === 'side'
    this.#layout = side ? 'side' : 'stacked'
    this.#handle.setAttribute('aria-orientation', side ? 'vertical' : 'horizontal')
    this.#render()
  }

  #render() {
    if (this.#layout === 'side') {
      this.#body.style.setProperty('--sbx-split', `${this.#share}%`)
      this.#handle.setAttribute('aria-valuenow', String(this.#share))
      this.#handle.setAttribute('aria-valuetext', `Code ${this.#share}% of the width`)
    } else {
      if (this.#heightPx) this.#body.style.setProperty('--sbx-editor-h', `${this.#heightPx}px`)
      const total = this.#body.clientHeight || 1
      const h = this.#editorPane.getBoundingClientRect().height
      const share = clampShare((h / total) * 100)
      this.#handle.setAttribute('aria-valuenow', String(share))
      this.#handle.setAttribute('aria-valuetext', `Code ${Math.round(h)} pixels high`)
    }
  }

  #set(value: number, onResize: () => void) {
    if (this.#layout === 'side') this.#share = clampShare(value)
    else this.#heightPx = Math.min(Math.max(value, 160), Math.max(240, window.innerHeight - 160))
    this.#render()
    onResize()
  }

  #drag(event: PointerEvent, onResize: () => void) {
    if (event.button !== 0) return
    event.preventDefault()
    this.#handle.setPointerCapture(event.pointerId)
    this.#root.dataset.resizing = ''
    const rect = this.#body.getBoundingClientRect()
    const top = this.#editorPane.getBoundingClientRect().top
    const move = (e: PointerEvent) => {
      if (this.#layout === 'side') this.#set(((e.clientX - rect.left) / rect.width) * 100, onResize)
      else this.#set(e.clientY - top, onResize)
    }
    const up = () => {
      this.#handle.removeEventListener('pointermove', move)
      this.#handle.removeEventListener('pointerup', up)
      this.#handle.removeEventListener('pointercancel', up)
      delete this.#root.dataset.resizing
    }
    this.#handle.addEventListener('pointermove', move)
    this.#handle.addEventListener('pointerup', up)
    this.#handle.addEventListener('pointercancel', up)
  }

  #key(event: KeyboardEvent, onResize: () => void) {
    const side = this.#layout === 'side'
    const current = side ? this.#share : this.#editorPane.getBoundingClientRect().height
    const step = side ? 5 : 40
    const keys: Record<string, number> = side
      ? { ArrowLeft: current - step, ArrowRight: current + step, Home: MIN, End: MAX }
      : { ArrowUp: current - step, ArrowDown: current + step, Home: 160, End: window.innerHeight - 160 }
    const next = keys[event.key]
    if (next === undefined) return
    event.preventDefault()
    this.#set(next, onResize)
  }
}
