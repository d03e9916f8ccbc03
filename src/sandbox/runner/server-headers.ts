/**
 * Gives the learner's app, inside its Worker, the `Request` and `Response` of a server runtime
 * (Node, Deno, Bun, Workers): headers that browsers forbid scripts to touch stay. A browser's
 * `new Response(body, { headers })` silently drops `Set-Cookie`, and `new Request(url,
 * { headers })` drops `Cookie` (Fetch standard, "forbidden header names"), so `setCookie(c, …)`
 * and `getCookie(c, …)` from `hono/cookie` would do nothing in the worker runtime while working
 * under Node. The subclasses below keep those headers in an ordinary `Headers` object next to
 * the browser's own, and are installed as the Worker's globals before the app is imported.
 * Everything else (bodies, streams, status) is the browser's implementation.
 *
 * Only the app Worker installs this; nothing else runs there, so no browser code relies on the
 * forbidden-header filter.
 */

/** Replaces `scope.Request` and `scope.Response`; does nothing where they already keep these headers. */
export function installServerHeaders(scope: { Request: typeof Request; Response: typeof Response }): void {
  const NativeRequest = scope.Request
  const NativeResponse = scope.Response
  if (new NativeResponse(null, { headers: { 'set-cookie': 'a=1' } }).headers.has('set-cookie')) return

  class ServerRequest extends NativeRequest {
    readonly #headers: Headers
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init)
      const source = init?.headers ?? (input instanceof NativeRequest ? input.headers : undefined)
      this.#headers = keepForbidden(super.headers, source, 'cookie')
    }
    override get headers(): Headers {
      return this.#headers
    }
    override clone(): Request {
      return new ServerRequest(super.clone(), { headers: this.#headers })
    }
    // Requests made by the browser itself (e.g. in a fetch event) are still "Requests".
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof NativeRequest
    }
  }

  class ServerResponse extends NativeResponse {
    readonly #headers: Headers
    constructor(body?: BodyInit | null, init?: ResponseInit) {
      super(body, init)
      this.#headers = keepForbidden(super.headers, init?.headers, 'set-cookie')
    }
    override get headers(): Headers {
      return this.#headers
    }
    override clone(): Response {
      const copy = super.clone()
      return new ServerResponse(copy.body, {
        status: copy.status,
        statusText: copy.statusText,
        headers: this.#headers,
      })
    }
    static override json(data: unknown, init?: ResponseInit): Response {
      const headers = new Headers(init?.headers)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
      return new ServerResponse(JSON.stringify(data), { ...init, headers })
    }
    // Responses from the browser's own fetch() are still "Responses".
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof NativeResponse
    }
  }

  scope.Request = ServerRequest
  scope.Response = ServerResponse
}

/** The browser's headers, plus the `name` headers of `init` that the browser dropped. */
function keepForbidden(browserHeaders: Headers, init: HeadersInit | undefined, name: string): Headers {
  const headers = new Headers(browserHeaders)
  if (init === undefined || headers.has(name)) return headers
  for (const [key, value] of new Headers(init)) if (key === name) headers.append(key, value)
  return headers
}
