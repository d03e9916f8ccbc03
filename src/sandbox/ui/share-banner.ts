/**
 * The banner over a sandbox opened from a share link: whose code the editor shows (the shared
 * code or the learner's own), one click to switch, keep the shared code, or close it. It only
 * renders; LiveSandbox decides what the buttons do (sandbox-app.ts).
 */

export interface ShareBannerActions {
  showOwn(): void
  showShared(): void
  keepShared(): void
  close(): void
}

export type ShareBannerState =
  { view: 'shared'; notes: string[] } | { view: 'own' } | { view: 'error'; reason: string }

export class ShareBanner {
  readonly element: HTMLElement
  readonly #actions: ShareBannerActions

  constructor(before: Element, actions: ShareBannerActions) {
    this.#actions = actions
    this.element = document.createElement('div')
    this.element.className = 'sbx-share-banner'
    this.element.dataset.shareBanner = ''
    this.element.setAttribute('role', 'region')
    this.element.setAttribute('aria-label', 'Shared code')
    before.before(this.element)
  }

  show(state: ShareBannerState): void {
    this.element.dataset.view = state.view
    const text = document.createElement('p')
    text.className = 'sbx-share-text'
    const title = document.createElement('strong')
    const buttons: HTMLButtonElement[] = []
    if (state.view === 'shared') {
      title.textContent = 'Shared code. '
      text.append(
        title,
        'This is code someone shared with a link. Your own code is kept as it was; edits you make here are not saved unless you keep the shared code.',
        ...state.notes.map((note) => ` ${note}`),
      )
      buttons.push(
        this.#button('Show my code', 'share-own', () => this.#actions.showOwn(), true),
        this.#button('Keep the shared code', 'share-keep', () => this.#actions.keepShared()),
        this.#button('Close shared code', 'share-close', () => this.#actions.close()),
      )
    } else if (state.view === 'own') {
      title.textContent = 'Your code. '
      text.append(title, 'The code shared with you is one click away.')
      buttons.push(
        this.#button('Show shared code', 'share-shared', () => this.#actions.showShared(), true),
        this.#button('Close shared code', 'share-close', () => this.#actions.close()),
      )
    } else {
      title.textContent = 'This share link cannot be opened: '
      text.append(title, `${state.reason}. Your code is unchanged. Ask for the link again, copied whole.`)
      buttons.push(this.#button('Close', 'share-close', () => this.#actions.close()))
    }
    const actions = document.createElement('div')
    actions.className = 'sbx-share-actions'
    actions.append(...buttons)
    this.element.replaceChildren(text, actions)
  }

  remove(): void {
    this.element.remove()
  }

  #button(label: string, action: string, run: () => void, primary = false): HTMLButtonElement {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = `sbx-btn sbx-btn-small${primary ? ' sbx-btn-primary' : ''}`
    button.dataset.action = action
    button.textContent = label
    button.addEventListener('click', run)
    return button
  }
}
