/**
 * A small client of classic W3C WebDriver (https://www.w3.org/TR/webdriver2/): just the commands
 * the cross-engine specs use, spoken over HTTP to WebKitGTK's `WebKitWebDriver`. Playwright
 * cannot drive Debian's WebKit (it only drives its own downloaded builds), and WebKitGTK speaks
 * no WebDriver BiDi yet, so this is the standard protocol it does speak.
 */

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'

export interface ElementRef {
  [ELEMENT]: string
}

export class WebDriverError extends Error {
  override name = 'WebDriverError'
}

export class WebDriverSession {
  // Plain fields, not parameter properties: Node's type stripping (bench/, scripts/) cannot run those.
  readonly base: string
  readonly id: string
  private constructor(base: string, id: string) {
    this.base = base
    this.id = id
  }

  static async create(base: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const value = (await command(base, 'POST', '/session', {
      capabilities: { alwaysMatch: capabilities },
    })) as {
      sessionId: string
    }
    const session = new WebDriverSession(base, value.sessionId)
    await session.send('POST', '/timeouts', { script: 60_000, pageLoad: 60_000, implicit: 0 })
    return session
  }

  send(method: string, path: string, body?: unknown): Promise<unknown> {
    return command(this.base, method, `/session/${this.id}${path}`, body)
  }

  goto(url: string) {
    return this.send('POST', '/url', { url })
  }

  refresh() {
    return this.send('POST', '/refresh', {})
  }

  /**
   * Runs `source` (an async function's text) with `args` in the current browsing context and
   * returns its JSON result; a rejection comes back as a WebDriverError with its message.
   */
  async evaluate<T>(source: string, args: unknown[] = []): Promise<T> {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${source})(...${JSON.stringify(args)}))
        .then((value) => done({ ok: true, value: value === undefined ? null : value }),
              (error) => done({ ok: false, error: String(error && error.stack || error) }))`
    const result = (await this.send('POST', '/execute/async', { script, args: [] })) as
      { ok: true; value: T } | { ok: false; error: string }
    if (!result.ok) throw new WebDriverError(`script failed in the page: ${result.error}`)
    return result.value
  }

  async find(selector: string): Promise<ElementRef> {
    return (await this.send('POST', '/element', { using: 'css selector', value: selector })) as ElementRef
  }

  async click(selector: string) {
    const element = await this.find(selector)
    await this.send('POST', `/element/${element[ELEMENT]}/click`, {})
  }

  /** Key presses into whatever has focus, as a user types them. */
  async keys(text: string) {
    const actions = [...text].flatMap((ch) => [
      { type: 'keyDown', value: ch },
      { type: 'keyUp', value: ch },
    ])
    await this.send('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] })
    await this.send('DELETE', '/actions')
  }

  /** Into the iframe matched by `selector`, or back to the top document with null. */
  async frame(selector: string | null) {
    if (selector === null) return void (await this.send('POST', '/frame', { id: null }))
    await this.send('POST', '/frame', { id: await this.find(selector) })
  }

  async close() {
    await this.send('DELETE', '').catch(() => {})
  }
}

async function command(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: { value?: unknown } = {}
  try {
    parsed = JSON.parse(text) as { value?: unknown }
  } catch {
    throw new WebDriverError(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`)
  }
  const value = parsed.value as { error?: string; message?: string } | undefined
  if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(
      `${method} ${path}: ${value?.error ?? response.status}: ${value?.message ?? text.slice(0, 200)}`,
    )
  }
  return parsed.value
}
