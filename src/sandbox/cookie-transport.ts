/**
 * How cookies cross the browser's walls on their way between the course page and the
 * learner's app. The Fetch standard forbids scripts to set `Cookie` on a `Request` and to read
 * `Set-Cookie` from a `Response` (both are silently dropped: "forbidden header names"), so in
 * the browser they travel under other names, and each runtime turns them back at the app's
 * door:
 *
 *   page  ── Cookie as `x-sandbox-cookie` ──▶ runtime ── `Cookie` ──▶ app
 *   page ◀── `x-sandbox-set-cookie` (JSON array) ── runtime ◀── `Set-Cookie` (one per cookie) ── app
 *
 * Under Node (`npm run check:sandboxes`, `app.request`) nothing is forbidden, so the real
 * headers are used and no mirror appears. The helpers below pick whichever works where they
 * run, so the check runner and the request panel have one code path.
 */

/** The request's cookies when the browser refuses a `Cookie` header on a Request. */
export const COOKIE_MIRROR = 'x-sandbox-cookie'
/** The response's Set-Cookie headers, as a JSON array of strings (one entry per header). */
export const SET_COOKIE_MIRROR = 'x-sandbox-set-cookie'

/** Puts `cookie` on `headers` as `Cookie`, or as the mirror where a Request would drop `Cookie`. */
export function setCookieHeader(headers: Headers, cookie: string): void {
  headers.delete(COOKIE_MIRROR)
  if (cookieHeaderSurvives()) headers.set('cookie', cookie)
  else headers.set(COOKIE_MIRROR, cookie)
}

/** The cookies a request carries, by either name. */
export function cookieHeaderOf(headers: Headers): string | null {
  return headers.get('cookie') ?? headers.get(COOKIE_MIRROR)
}

/** The Set-Cookie headers of a response, one string per cookie, by either name. */
export function setCookiesOf(headers: Headers): string[] {
  const real = headers.getSetCookie()
  if (real.length) return real
  return decodeSetCookieMirror(headers.get(SET_COOKIE_MIRROR))
}

export function decodeSetCookieMirror(value: string | null): string[] {
  if (!value) return []
  try {
    const parsed: unknown = JSON.parse(value)
    if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === 'string')
  } catch {
    // Not ours (an app may send any header): no cookies.
  }
  return []
}

/**
 * A response's headers as the learner should read them: real `set-cookie` lines, one per
 * cookie, where the browser made us carry them in the mirror.
 */
export function readableHeaders(headers: Headers): [string, string][] {
  const mirrored = decodeSetCookieMirror(headers.get(SET_COOKIE_MIRROR))
  const lines: [string, string][] = []
  for (const [name, value] of headers) {
    if (name === SET_COOKIE_MIRROR) lines.push(...mirrored.map((c): [string, string] => ['set-cookie', c]))
    else lines.push([name, value])
  }
  return lines
}

// ── the runtime's side: at the app's door ──

/** Headers as the app must see them: the mirrored Cookie becomes `Cookie` again. */
export function toAppHeaders(headers: readonly [string, string][]): [string, string][] {
  const mirrored = headers.find(([name]) => name.toLowerCase() === COOKIE_MIRROR)
  if (!mirrored) return [...headers]
  return [
    ...headers.filter(([name]) => {
      const lower = name.toLowerCase()
      return lower !== COOKIE_MIRROR && lower !== 'cookie'
    }),
    ['cookie', mirrored[1]],
  ]
}

/** Headers the page can receive: every `Set-Cookie` folded into one mirror header. */
export function toPageHeaders(headers: readonly [string, string][]): [string, string][] {
  const cookies = headers.filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, value]) => value)
  const rest = headers.filter(([name]) => name.toLowerCase() !== 'set-cookie')
  return cookies.length ? [...rest, [SET_COOKIE_MIRROR, JSON.stringify(cookies)]] : rest
}

let survives: boolean | undefined

/** False in browsers (Cookie is a forbidden request header); true under Node. */
function cookieHeaderSurvives(): boolean {
  survives ??= new Request('http://localhost/', { headers: { cookie: 'a=1' } }).headers.has('cookie')
  return survives
}
