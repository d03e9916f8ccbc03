/**
 * A browser-like cookie jar for one app: what checks carry from step to step and what the
 * request panel keeps between the learner's requests, so "log in, then call /me" works as it
 * does in a browser or with `curl -b/-c`. It follows the parts of RFC 6265 (§5.2 parsing,
 * §5.3 storage, §5.4 the Cookie header) that matter inside one app on one host:
 *
 * - a cookie is identified by name and path; a new Set-Cookie with both replaces the old one
 *   (keeping its creation time, which orders the Cookie header);
 * - `Max-Age` wins over `Expires`; `Max-Age=0` (or negative) or an `Expires` in the past
 *   deletes the stored cookie; expired cookies are never sent;
 * - `Path` limits which request paths get the cookie; without one, the default path is the
 *   request path up to its last "/";
 * - `Domain` is kept for display but ignored: every request goes to the same app;
 * - `Secure` cookies are sent too: the sandbox is `localhost`, which browsers treat as secure;
 * - `HttpOnly` and `SameSite` do not change what this jar sends (there are no page scripts and
 *   no other sites here); they are parsed so checks can expect them.
 *
 * Pure code, no DOM: runs in the browser and in Node.
 */

export type SameSite = 'Strict' | 'Lax' | 'None'

/** One Set-Cookie header, parsed. Attributes are `undefined` when the header did not carry them. */
export interface SetCookie {
  name: string
  value: string
  expires?: string
  maxAge?: number
  domain?: string
  path?: string
  secure: boolean
  httpOnly: boolean
  /** As written, normalised to "Strict" | "Lax" | "None" when it is one of those. */
  sameSite?: string
  partitioned: boolean
}

/** A cookie in the jar. */
export interface StoredCookie {
  name: string
  value: string
  /** The path it applies to (the Path attribute or the default path). */
  path: string
  /** Milliseconds since the epoch; absent for a session cookie (kept until cleared). */
  expiresAt?: number
  secure: boolean
  httpOnly: boolean
  sameSite?: string
  /** Milliseconds since the epoch, for ordering the Cookie header. */
  created: number
}

/** Parses one Set-Cookie header value; undefined when it has no `name=value` (RFC 6265 §5.2 ignores it). */
export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';')
  const eq = pair.indexOf('=')
  if (eq < 0) return undefined
  const name = pair.slice(0, eq).trim()
  if (name === '') return undefined
  const cookie: SetCookie = {
    name,
    value: pair.slice(eq + 1).trim(),
    secure: false,
    httpOnly: false,
    partitioned: false,
  }
  for (const attribute of attributes) {
    const at = attribute.indexOf('=')
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase()
    const value = at < 0 ? '' : attribute.slice(at + 1).trim()
    if (key === 'expires') {
      if (!Number.isNaN(Date.parse(value))) cookie.expires = value
    } else if (key === 'max-age') {
      if (/^-?\d+$/.test(value)) cookie.maxAge = Number(value)
    } else if (key === 'domain') {
      if (value) cookie.domain = value.replace(/^\./, '')
    } else if (key === 'path') {
      cookie.path = value
    } else if (key === 'secure') {
      cookie.secure = true
    } else if (key === 'httponly') {
      cookie.httpOnly = true
    } else if (key === 'samesite') {
      cookie.sameSite = normalizeSameSite(value)
    } else if (key === 'partitioned') {
      cookie.partitioned = true
    }
  }
  return cookie
}

function normalizeSameSite(value: string): string {
  const known = (['Strict', 'Lax', 'None'] as const).find((s) => s.toLowerCase() === value.toLowerCase())
  return known ?? value
}

/** RFC 6265 §5.1.4: the request path up to, not including, its last "/" ("/" when that is the only one). */
export function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/'
  const last = requestPath.lastIndexOf('/')
  return last <= 0 ? '/' : requestPath.slice(0, last)
}

/** RFC 6265 §5.1.4: does a cookie with `cookiePath` go with a request for `requestPath`? */
export function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

/** When a parsed Set-Cookie expires, in ms since the epoch; undefined for a session cookie. */
export function expiryOf(cookie: SetCookie, now: number): number | undefined {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0 ? -Infinity : now + cookie.maxAge * 1000
  if (cookie.expires !== undefined) return Date.parse(cookie.expires)
  return undefined
}

/** True when this Set-Cookie deletes the cookie rather than setting it (Max-Age ≤ 0, Expires in the past). */
export function isDeletion(cookie: SetCookie, now = Date.now()): boolean {
  const expiry = expiryOf(cookie, now)
  return expiry !== undefined && expiry <= now
}

export class CookieJar {
  #cookies: StoredCookie[]
  readonly #now: () => number

  constructor(cookies: readonly StoredCookie[] = [], now: () => number = Date.now) {
    this.#now = now
    this.#cookies = cookies.map((c) => ({ ...c }))
  }

  /** Stores the cookies of one response to a request for `url` (a path, or a full URL). */
  storeAll(setCookieHeaders: readonly string[], url: string): void {
    for (const header of setCookieHeaders) this.store(header, url)
  }

  /** Stores (or deletes) one Set-Cookie header from the response to a request for `url`. */
  store(setCookieHeader: string, url: string): void {
    const parsed = parseSetCookie(setCookieHeader)
    if (!parsed) return
    const requestPath = pathOf(url)
    const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(requestPath)
    const now = this.#now()
    const expiresAt = expiryOf(parsed, now)
    const existing = this.#cookies.find((c) => c.name === parsed.name && c.path === path)
    this.#cookies = this.#cookies.filter((c) => c !== existing)
    if (expiresAt !== undefined && expiresAt <= now) return
    this.#cookies.push({
      name: parsed.name,
      value: parsed.value,
      path,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      secure: parsed.secure,
      httpOnly: parsed.httpOnly,
      ...(parsed.sameSite !== undefined ? { sameSite: parsed.sameSite } : {}),
      created: existing?.created ?? now,
    })
  }

  /** Sets a cookie by hand (the request panel's editor): like a Set-Cookie with these values. */
  set(cookie: { name: string; value: string; path?: string }): void {
    const path = cookie.path?.startsWith('/') ? cookie.path : '/'
    const existing = this.#cookies.find((c) => c.name === cookie.name && c.path === path)
    if (existing) existing.value = cookie.value
    else
      this.#cookies.push({
        name: cookie.name,
        value: cookie.value,
        path,
        secure: false,
        httpOnly: false,
        created: this.#now(),
      })
  }

  delete(name: string, path?: string): void {
    this.#cookies = this.#cookies.filter((c) => !(c.name === name && (path === undefined || c.path === path)))
  }

  clear(): void {
    this.#cookies = []
  }

  /** Every live cookie, in the order the Cookie header would list them for "/". */
  list(): StoredCookie[] {
    this.#dropExpired()
    return [...this.#cookies].sort(headerOrder).map((c) => ({ ...c }))
  }

  /** The live cookie named `name` that a request for `url` would carry, if any. */
  get(name: string, url = '/'): StoredCookie | undefined {
    return this.cookiesFor(url).find((c) => c.name === name)
  }

  /** The cookies a request for `url` carries, in Cookie header order (longest path first, then oldest). */
  cookiesFor(url: string): StoredCookie[] {
    this.#dropExpired()
    const path = pathOf(url)
    return this.#cookies.filter((c) => pathMatches(c.path, path)).sort(headerOrder)
  }

  /** The Cookie header for a request to `url`; '' when no cookie applies. */
  header(url: string): string {
    return this.cookiesFor(url)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
  }

  get size(): number {
    return this.list().length
  }

  toJSON(): StoredCookie[] {
    return this.list()
  }

  #dropExpired() {
    const now = this.#now()
    this.#cookies = this.#cookies.filter((c) => c.expiresAt === undefined || c.expiresAt > now)
  }
}

function headerOrder(a: StoredCookie, b: StoredCookie): number {
  return b.path.length - a.path.length || a.created - b.created
}

/** The path of a request URL or path, without query or fragment. */
function pathOf(url: string): string {
  const path = new URL(url, 'http://localhost').pathname
  return path || '/'
}
