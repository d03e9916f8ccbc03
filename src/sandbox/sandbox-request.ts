/**
 * Requests for learner apps, as a real server would receive them. In a browser, `new Request()`
 * silently drops the headers a page may not set on a network request (`User-Agent`, `Cookie`,
 * `Host`, `Origin`, `Referer`, `Content-Length`, `Sec-*`, …), so a learner who sends
 * `User-Agent: curl/8` from the request panel, or a check that sends a cookie, would reach the
 * app without them. These requests never touch the network: they go to the app's `fetch` in a
 * Worker. So they carry a free-standing `Headers` (which keeps every header) in place of the
 * filtered one, and the app sees exactly what was sent — under Node (`app.request`, a real
 * HTTP server) and in the worker runtime alike.
 */

type HeaderList = [string, string][]

function headerList(init: HeadersInit | undefined): HeaderList {
  if (!init) return []
  if (init instanceof Headers) return [...init]
  if (Array.isArray(init)) return init.map(([name, value]) => [String(name), String(value)])
  return Object.entries(init)
}

/** A Request whose `headers` are the ones given, none dropped. */
export function sandboxRequest(url: string | URL, init: RequestInit = {}): Request {
  const headers = new Headers(headerList(init.headers))
  const request = new Request(url, { ...init, headers })
  // A string or buffer body makes the browser add its own Content-Type; keep it unless given.
  const added = request.headers.get('content-type')
  if (added && !headers.has('content-type')) headers.set('content-type', added)
  Object.defineProperty(request, 'headers', { value: headers, enumerable: true })
  return request
}

export interface ServerDefaults {
  /** The URL the app is asked for; its host is the `Host` header a server would see. */
  url: string
  /** Sent when the client named none (the browser's, in the sandbox). */
  userAgent?: string
  /** Bytes of the body, for `Content-Length`. */
  bodyLength?: number
}

/**
 * Headers every HTTP server sees that a browser-built request lacks: `Host`, and
 * `Content-Length` for a body, plus a `User-Agent` when the client sent none (the learner's
 * browser is the client). Headers the client did send are never changed.
 */
export function withServerDefaults(headers: HeaderList, defaults: ServerDefaults): HeaderList {
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name)
  const added: HeaderList = []
  if (!has('host')) added.push(['host', new URL(defaults.url).host])
  if (defaults.userAgent && !has('user-agent')) added.push(['user-agent', defaults.userAgent])
  if (
    defaults.bodyLength !== undefined &&
    defaults.bodyLength > 0 &&
    !has('content-length') &&
    !has('transfer-encoding')
  )
    added.push(['content-length', String(defaults.bodyLength)])
  return [...headers, ...added]
}
