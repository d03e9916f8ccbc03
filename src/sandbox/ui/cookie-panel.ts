/**
 * The request panel's cookie jar, as the learner sees it: the cookies the app set with
 * `Set-Cookie`, sent again on later requests to matching paths (as a browser, or `curl -b -c`,
 * would), so "log in, then GET /me" works by hand. Each cookie's value can be edited, a cookie
 * added or deleted, the jar cleared. Kept per sandbox in this browser, like the request history.
 * The jar's rules are the checks' (../cookie-jar.ts).
 */
import { CookieJar, type StoredCookie } from '../cookie-jar.ts'
import { isToken } from './request-model.ts'
import { el } from './element.ts'

export class CookiePanel {
  readonly #fold: HTMLDetailsElement
  readonly #list: HTMLUListElement
  readonly #count: HTMLElement
  readonly #key: string
  readonly #announce: (text: string) => void
  #jar: CookieJar

  constructor(fold: HTMLDetailsElement, sandboxName: string, announce: (text: string) => void) {
    this.#fold = fold
    this.#list = fold.querySelector('[data-cookie-list]')!
    this.#count = fold.querySelector('[data-cookies-count]')!
    this.#key = `course.sandbox.v1:${sandboxName}:cookies`
    this.#announce = announce
    this.#jar = new CookieJar(this.#load())

    const form = fold.querySelector<HTMLFormElement>('[data-cookie-add]')!
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const name = form.querySelector<HTMLInputElement>('[data-field="cookie-name"]')!
      const value = form.querySelector<HTMLInputElement>('[data-field="cookie-value"]')!
      const problem = cookieNameProblem(name.value.trim())
      const note = form.querySelector<HTMLElement>('[data-cookie-note]')!
      note.textContent = problem ?? ''
      name.toggleAttribute('aria-invalid', Boolean(problem))
      if (problem) return
      this.#jar.set({ name: name.value.trim(), value: value.value })
      this.#changed(`Cookie ${name.value.trim()} set`)
      name.value = ''
      value.value = ''
      name.focus()
    })
    fold.querySelector('[data-action="clear-cookies"]')!.addEventListener('click', () => {
      this.#jar.clear()
      this.#changed('Cookies cleared')
    })
    this.#list.addEventListener('change', (event) => {
      const input = (event.target as Element).closest<HTMLInputElement>('[data-cookie-value-of]')
      if (!input) return
      this.#jar.set({ name: input.dataset.cookieValueOf!, value: input.value, path: input.dataset.path! })
      this.#changed()
    })
    this.#list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-delete-cookie]')
      if (!button) return
      this.#jar.delete(button.dataset.deleteCookie!, button.dataset.path!)
      this.#changed(`Cookie ${button.dataset.deleteCookie} deleted`)
      this.#fold.querySelector<HTMLElement>('[data-field="cookie-name"]')?.focus()
    })
    this.render()
  }

  /** The Cookie header for a request to `path`; '' when no cookie applies. */
  header(path: string): string {
    return this.#jar.header(path)
  }

  /** Stores a response's Set-Cookie headers; returns the names it set or deleted. */
  store(setCookies: readonly string[], path: string): string[] {
    if (setCookies.length === 0) return []
    this.#jar.storeAll(setCookies, path)
    this.#changed()
    if (setCookies.length) this.#fold.open = true
    return setCookies.map((c) => c.slice(0, Math.max(0, c.indexOf('='))).trim()).filter(Boolean)
  }

  get cookies(): StoredCookie[] {
    return this.#jar.list()
  }

  render(): void {
    const cookies = this.#jar.list()
    this.#count.textContent = cookies.length ? String(cookies.length) : ''
    this.#list.replaceChildren(
      ...(cookies.length
        ? cookies.map((cookie) => this.#row(cookie))
        : [el('li', 'sbx-cookie-empty sbx-muted', 'No cookies yet: they appear when your app sets one.')]),
    )
    this.#fold.querySelector<HTMLButtonElement>('[data-action="clear-cookies"]')!.disabled =
      cookies.length === 0
  }

  #row(cookie: StoredCookie): HTMLLIElement {
    const li = el('li', 'sbx-cookie')
    li.dataset.cookie = cookie.name
    const name = el('code', 'sbx-cookie-name', cookie.name)
    const value = document.createElement('input')
    value.className = 'sbx-input sbx-cookie-value'
    value.value = cookie.value
    value.spellcheck = false
    value.autocomplete = 'off'
    value.dataset.cookieValueOf = cookie.name
    value.dataset.path = cookie.path
    value.setAttribute('aria-label', `Value of cookie ${cookie.name}`)
    const remove = el('button', 'sbx-btn sbx-btn-quiet sbx-cookie-delete', '×')
    remove.setAttribute('type', 'button')
    remove.dataset.deleteCookie = cookie.name
    remove.dataset.path = cookie.path
    remove.setAttribute('aria-label', `Delete cookie ${cookie.name}`)
    li.append(name, value, remove, el('span', 'sbx-cookie-attrs', describeAttributes(cookie)))
    return li
  }

  #changed(message?: string) {
    this.#save()
    this.render()
    if (message) this.#announce(message)
  }

  #load(): StoredCookie[] {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '[]')
      return Array.isArray(saved)
        ? saved.filter((c): c is StoredCookie => typeof c?.name === 'string' && typeof c?.value === 'string')
        : []
    } catch {
      return []
    }
  }

  #save() {
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#jar))
    } catch {
      // Without storage the jar lasts for this page only.
    }
  }
}

/** "Path=/ · HttpOnly · SameSite=Lax · expires in 59 min", the attributes that decide where it goes. */
export function describeAttributes(cookie: StoredCookie, now = Date.now()): string {
  const parts = [`Path=${cookie.path}`]
  if (cookie.httpOnly) parts.push('HttpOnly')
  if (cookie.secure) parts.push('Secure')
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`)
  parts.push(
    cookie.expiresAt === undefined
      ? 'session cookie'
      : `expires in ${formatDuration(cookie.expiresAt - now)}`,
  )
  return parts.join(' · ')
}

function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`
  const minutes = Math.round(ms / 60_000)
  if (minutes < 120) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`
}

/** RFC 6265 cookie names are HTTP tokens, like header names. */
export function cookieNameProblem(name: string): string | undefined {
  if (name === '') return 'Give the cookie a name.'
  return isToken(name)
    ? undefined
    : `"${name}" is not a cookie name: no spaces, and none of ( ) < > @ , ; : \\ " / [ ] ? = { }.`
}
