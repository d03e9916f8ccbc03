/**
 * The request panel: the learner composes a request (method, path, headers, body), Send runs
 * it against the app in whichever runtime runs the sandbox, and the answer shows status,
 * time, headers and a readable body. Also "copy as curl", the last requests and a cookie jar
 * (both kept per sandbox in this browser): cookies the app sets are sent on later requests.
 */
import { readableHeaders, setCookiesOf } from '../cookie-transport.ts'
import { isRuntimeError } from '../runtime.ts'
import { CookiePanel } from './cookie-panel.ts'
import { el } from './element.ts'
import { renderJson } from './json-tokens.ts'
import { readBody, type SseEvent } from './stream-body.ts'
import {
  formatBody,
  hasOwnCookie,
  jsonProblem,
  normalizePath,
  LOCAL_ORIGIN,
  parseHeaderLines,
  pushHistory,
  statusLine,
  summarize,
  toCurl,
  toRequest,
  type HistoryEntry,
  type RequestDraft,
} from './request-model.ts'
import { methodAllowsBody } from '../../shared/http-rules.ts'

export interface RequestPanelOptions {
  /** Sandbox name: history is kept per sandbox. */
  name: string
  /** Sends to the running app, starting it (with the current code) first when needed. */
  send: (request: Request) => Promise<Response>
  announce: (text: string) => void
}

export class RequestPanel {
  readonly #panel: HTMLElement
  readonly #options: RequestPanelOptions
  readonly #fields: {
    method: HTMLSelectElement
    path: HTMLInputElement
    headers: HTMLTextAreaElement
    body: HTMLTextAreaElement
  }
  readonly #response: HTMLElement
  readonly #historyList: HTMLOListElement
  readonly #historyKey: string
  readonly cookies: CookiePanel
  #history: HistoryEntry[] = []
  #sending = false

  constructor(panel: HTMLElement, options: RequestPanelOptions) {
    this.#panel = panel
    this.#options = options
    const field = <T extends HTMLElement>(name: string) => panel.querySelector<T>(`[data-field="${name}"]`)!
    this.#fields = {
      method: field('method'),
      path: field('path'),
      headers: field('headers'),
      body: field('body'),
    }
    this.#response = panel.querySelector('[data-response]')!
    this.#historyList = panel.querySelector('[data-history-list]')!
    this.#historyKey = `course.sandbox.v1:${options.name}:requests`
    this.cookies = new CookiePanel(
      panel.querySelector('[data-cookies-fold]')!,
      options.name,
      options.announce,
    )

    panel.querySelector('[data-request-form]')!.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.send()
    })
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        event.stopPropagation()
        void this.send()
      }
    })
    this.#fields.body.addEventListener('input', () => this.#checkBody())
    this.#fields.headers.addEventListener('input', () => this.#checkHeaders())
    this.#fields.method.addEventListener('change', () => this.#checkBody())
    panel
      .querySelector('[data-action="copy-curl"]')!
      .addEventListener('click', (event) => void this.#copyCurl(event.currentTarget as HTMLButtonElement))
    this.#historyList.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLButtonElement>('[data-history-index]')
      const entry = item && this.#history[Number(item.dataset.historyIndex)]
      if (!entry) return
      this.setDraft(entry.draft)
      item.closest('details')?.removeAttribute('open')
      this.#fields.path.focus()
    })
    this.#loadHistory()
    this.#checkBody()
    this.#checkHeaders()
  }

  get draft(): RequestDraft {
    return {
      method: this.#fields.method.value,
      path: this.#fields.path.value,
      headers: this.#fields.headers.value,
      body: this.#fields.body.value,
    }
  }

  setDraft(draft: RequestDraft): void {
    this.#fields.method.value = draft.method
    this.#fields.path.value = draft.path
    this.#fields.headers.value = draft.headers
    this.#fields.body.value = draft.body
    if (draft.headers) this.#panel.querySelector('[data-headers-fold]')?.setAttribute('open', '')
    if (draft.body) this.#panel.querySelector('[data-body-fold]')?.setAttribute('open', '')
    this.#checkBody()
    this.#checkHeaders()
  }

  async send(): Promise<void> {
    if (this.#sending) return
    this.#sending = true
    const draft = this.draft
    const sendButton = this.#panel.querySelector<HTMLButtonElement>('[data-action="send"]')!
    // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
    sendButton.setAttribute('aria-disabled', 'true')
    this.#response.dataset.busy = ''
    try {
      const started = performance.now()
      const path = normalizePath(draft.path)
      const sentCookie = hasOwnCookie(draft) ? '' : this.cookies.header(path)
      let response: Response
      try {
        response = await this.#options.send(toRequest(draft, LOCAL_ORIGIN, sentCookie))
      } catch (err) {
        this.#showError(draft, err)
        return
      }
      // Shown as it arrives: a streamed answer (SSE, streamText) fills in piece by piece.
      const { text: body, events } = await readBody(response, started, (partial, sofar) =>
        this.#showResponse(draft, response, partial, performance.now() - started, sofar, true),
      )
      const ms = performance.now() - started
      // Runtime answers (timeouts) are not the app's: they set no cookies.
      const stored = isRuntimeError(response) ? [] : this.cookies.store(setCookiesOf(response.headers), path)
      this.#showResponse(draft, response, body, ms, events, false, { sent: sentCookie, stored })
      this.#history = pushHistory(this.#history, {
        draft,
        status: response.status,
        ms: Math.round(ms),
        at: new Date().toISOString(),
      })
      this.#saveHistory()
      this.#renderHistory()
      this.#options.announce(
        `${summarize(draft)}: ${statusLine(response.status, response.statusText)} in ${formatMs(ms)}`,
      )
    } finally {
      this.#sending = false
      sendButton.removeAttribute('aria-disabled')
      delete this.#response.dataset.busy
    }
  }

  #showResponse(
    draft: RequestDraft,
    response: Response,
    bodyText: string,
    ms: number,
    events?: SseEvent[],
    streaming = false,
    cookies: { sent: string; stored: string[] } = { sent: '', stored: [] },
  ) {
    const contentType = response.headers.get('content-type')
    const { text, json } = formatBody(bodyText, contentType)
    const head = el('div', 'sbx-response-head')
    const status = el('span', 'sbx-status', statusLine(response.status, response.statusText))
    status.dataset.class = `${Math.floor(response.status / 100)}xx`
    const meta = el(
      'span',
      'sbx-response-meta',
      `${streaming ? 'receiving… ' : ''}${formatMs(ms)} · ${formatBytes(new TextEncoder().encode(bodyText).length)}${contentType ? ` · ${contentType.split(';')[0]}` : ''}`,
    )
    const what = el('span', 'sbx-response-what', summarize(draft))
    head.append(status, meta, what)

    const headers = document.createElement('details')
    headers.className = 'sbx-fold sbx-response-headers'
    const lines = readableHeaders(response.headers)
    headers.append(el('summary', '', `Response headers (${lines.length})`))
    const dl = document.createElement('dl')
    for (const [name, value] of lines) dl.append(el('dt', '', name), el('dd', '', value))
    headers.append(dl)

    // What the jar did: the cookies that went with the request, and those the app set.
    const jarParts = [
      ...(cookies.sent ? [`Sent cookies: ${cookieNames(cookies.sent)}`] : []),
      ...(cookies.stored.length ? [`Set by the app: ${cookies.stored.join(', ')} (see Cookies)`] : []),
    ]
    const jarNote = jarParts.length
      ? el('p', 'sbx-response-cookies sbx-muted', jarParts.join(' · '))
      : undefined

    // The runtime answered in the app's place (a request past the deadline, an app not running).
    const runtimeNote = isRuntimeError(response)
      ? el('p', 'sbx-runtime-answer', runtimeMessage(bodyText))
      : undefined
    if (runtimeNote) runtimeNote.setAttribute('role', 'alert')

    const body = el('pre', 'sbx-response-body')
    body.tabIndex = 0
    body.setAttribute('aria-label', 'Response body')
    if (bodyText === '')
      body.append(
        el(
          'span',
          'sbx-muted',
          response.status === 204 || draft.method === 'HEAD' ? '(no body)' : '(empty body)',
        ),
      )
    else if (json) body.append(renderJson(text))
    else body.textContent = text
    const shown = events ? renderEvents(events, streaming) : body
    this.#response.replaceChildren(
      ...([head, runtimeNote, jarNote].filter((node) => node !== undefined) as HTMLElement[]),
      headers,
      shown,
    )
  }

  #showError(draft: RequestDraft, err: unknown) {
    const box = el('div', 'sbx-response-error')
    box.setAttribute('role', 'alert')
    box.append(
      el('strong', '', `${summarize(draft)} got no answer`),
      el('p', '', err instanceof Error ? err.message : String(err)),
      el('p', 'sbx-muted', 'The Console tab shows what your app logged and where it failed.'),
    )
    this.#response.replaceChildren(box)
  }

  #checkBody() {
    const method = this.#fields.method.value
    const note = this.#panel.querySelector<HTMLElement>('[data-body-note]')!
    const kind = this.#panel.querySelector<HTMLElement>('[data-body-kind]')!
    const body = this.#fields.body.value
    const problem = jsonProblem(body)
    this.#fields.body.toggleAttribute('aria-invalid', Boolean(problem))
    if (!methodAllowsBody(method) && body.trim()) {
      note.textContent = `${method} requests carry no body: it will not be sent.`
      note.dataset.kind = 'warn'
    } else if (problem) {
      note.textContent = `${problem}. It will be sent exactly as written (handy for testing bad input).`
      note.dataset.kind = 'warn'
    } else {
      note.textContent = ''
      delete note.dataset.kind
    }
    kind.textContent =
      body.trim() === '' ? '' : problem ? 'invalid JSON' : /^\s*[[{]/.test(body) ? 'JSON' : 'text'
  }

  #checkHeaders() {
    const note = this.#panel.querySelector<HTMLElement>('[data-headers-note]')!
    const { headers, problems } = parseHeaderLines(this.#fields.headers.value)
    note.textContent = problems.join(' ')
    if (problems.length) note.dataset.kind = 'warn'
    else delete note.dataset.kind
    this.#fields.headers.toggleAttribute('aria-invalid', problems.length > 0)
    this.#panel.querySelector('[data-headers-count]')!.textContent = headers.length
      ? String(headers.length)
      : ''
  }

  async #copyCurl(button: HTMLButtonElement) {
    const curl = toCurl(this.draft)
    const label = button.querySelector('span')!
    try {
      await navigator.clipboard.writeText(curl)
      label.textContent = 'Copied'
      this.#options.announce('curl command copied')
    } catch {
      // No clipboard permission: show the command so it can be selected by hand.
      this.#response.replaceChildren(
        el('p', 'sbx-muted', 'Copy this command:'),
        el('pre', 'sbx-response-body', curl),
      )
      label.textContent = 'Shown below'
    }
    setTimeout(() => (label.textContent = 'Copy as curl'), 1600)
  }

  #loadHistory() {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(this.#historyKey) ?? '[]')
      if (Array.isArray(saved))
        this.#history = saved.filter((h) => h && typeof h.draft?.method === 'string').slice(0, 10)
    } catch {
      this.#history = []
    }
    this.#renderHistory()
  }

  #saveHistory() {
    try {
      localStorage.setItem(this.#historyKey, JSON.stringify(this.#history))
    } catch {
      // History is a convenience; without storage it lasts for this page only.
    }
  }

  #renderHistory() {
    const details = this.#panel.querySelector<HTMLElement>('[data-history]')!
    details.hidden = this.#history.length === 0
    this.#historyList.replaceChildren(
      ...this.#history.map((entry, i) => {
        const li = document.createElement('li')
        const button = el('button', 'sbx-history-item')
        button.setAttribute('type', 'button')
        button.dataset.historyIndex = String(i)
        const status = el('span', 'sbx-status', String(entry.status))
        status.dataset.class = `${Math.floor(entry.status / 100)}xx`
        button.append(
          el('span', 'sbx-history-what', summarize(entry.draft)),
          status,
          el('span', 'sbx-muted', `${entry.ms} ms`),
        )
        button.setAttribute('aria-label', `Load ${summarize(entry.draft)} (answered ${entry.status})`)
        li.append(button)
        return li
      }),
    )
  }
}

/** The runtime's own error body is `{ "error": "…" }`; show its sentence, or the text as is. */
export function runtimeMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string')
      return `Not your app: ${parsed.error}`
  } catch {
    // Not JSON: fall through.
  }
  return 'Not your app: the sandbox runtime answered in its place.'
}

/** "session, theme" from "session=s1; theme=dark". */
function cookieNames(header: string): string {
  return header
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean)
    .join(', ')
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`
}

/** Server-sent events as a list, each with the time it arrived after the request was sent. */
function renderEvents(events: SseEvent[], streaming: boolean): HTMLElement {
  const list = el('ol', 'sbx-response-body sbx-events')
  list.tabIndex = 0
  list.setAttribute(
    'aria-label',
    `Server-sent events (${events.length}${streaming ? ', still arriving' : ''})`,
  )
  for (const e of events) {
    const item = el('li', 'sbx-event')
    item.append(
      el('span', 'sbx-event-at', `+${formatMs(e.at)}`),
      el('span', 'sbx-event-name', e.event),
      ...(e.id ? [el('span', 'sbx-muted', `id ${e.id}`)] : []),
      el('span', 'sbx-event-data', e.data),
    )
    list.append(item)
  }
  if (streaming) list.append(el('li', 'sbx-muted sbx-event-wait', 'waiting for the next event…'))
  return list
}
