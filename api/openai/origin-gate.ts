/**
 * Which web pages may call the proxy. Browsers always send `Origin` on cross-origin
 * requests and on POSTs, so a request whose Origin is neither the API's own nor on the
 * allow-list comes from some other website and is refused with a 403; allowed origins get
 * CORS headers (with preflight for Authorization and Content-Type) so learner code in the
 * sandbox origin's Web Worker can call the proxy with fetch or the SDK.
 *
 * Requests without Origin (curl, Node, server code) pass: Origin is a browser control and
 * proves nothing about other clients — access tokens and budgets cover those.
 *
 * The CORS headers are written here rather than by hono/cors, which sets them on `c.res`
 * before the handler runs and appends Vary after it: both turn @hono/node-server's
 * lightweight answer into a full web Response with a streamed body, which was the largest
 * single cost of a proxied request in bench:ai-proxy. `c.header()` before `next()` only
 * prepares headers that `c.json()`/`c.body()` (and the error handlers, which use them) take.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { viaTrustedProxy, type AddressMatcher } from '../rate-limit/client-address.ts'
import { ProxyError } from './proxy-error.ts'

export type OriginCheck = (origin: string) => boolean

/** Exact origins, `scheme://*.domain[:port]` patterns (any depth of subdomain), `null` and `*`. */
export function originMatcher(patterns: readonly string[]): OriginCheck {
  if (patterns.includes('*')) return () => true
  const exact = new Set(patterns.filter((p) => !p.includes('*')).map((p) => p.toLowerCase()))
  const wildcards = patterns
    .filter((p) => p.includes('*.'))
    .map((p) => {
      const [scheme = '', rest = ''] = p.toLowerCase().split('://*.')
      const escaped = rest.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      return new RegExp(`^${scheme}://(?:[a-z0-9-]+\\.)+${escaped}$`)
    })
  return (origin) => {
    const lower = origin.toLowerCase()
    return exact.has(lower) || wildcards.some((re) => re.test(lower))
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

function parseOrigin(origin: string): URL | undefined {
  try {
    return new URL(origin)
  } catch {
    return undefined
  }
}

function ownHost(c: Context, trustProxy: boolean): string | undefined {
  return (
    (trustProxy && c.req.header('x-forwarded-host')?.split(',')[0]?.trim()) ||
    c.req.header('host')
  )?.toLowerCase()
}

function sameOrigin(c: Context, origin: string, trustProxy: boolean): boolean {
  const host = ownHost(c, trustProxy)
  return host !== undefined && parseOrigin(origin)?.host === host
}

/**
 * The request's own host name on another port: the sandbox origin as the sandbox runtime
 * derives it when SANDBOX_ORIGIN is unset (sandboxOriginFor in api/runtime-config.ts).
 * Loopback names count as one: sandbox code may name the course 127.0.0.1 while the page
 * was opened on localhost.
 */
function siblingOrigin(c: Context, origin: string, port: number, trustProxy: boolean): boolean {
  const url = parseOrigin(origin)
  const host = ownHost(c, trustProxy)
  if (!url || !host || url.port !== String(port) || `${url.protocol}//${url.host}` !== origin.toLowerCase())
    return false
  const protocol =
    (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()) || new URL(c.req.url).protocol
  if (url.protocol !== (protocol.endsWith(':') ? protocol : `${protocol}:`)) return false
  const ownName = host.replace(/:\d+$/, '')
  return url.hostname === ownName || (LOOPBACK_NAMES.has(url.hostname) && LOOPBACK_NAMES.has(ownName))
}

export interface OriginGateOptions {
  allowed: OriginCheck
  /** The variable an operator sets to allow more origins, named in the 403. */
  setting: string
  /** Reverse proxies whose X-Forwarded-Host/-Proto are believed (AI_TRUST_PROXY). */
  trustedProxies?: AddressMatcher
  /** Also allow the request's own host name on this port (the sandbox origin's default). */
  siblingPort?: number
  /** Response headers the learner's code (and the SDK's retry logic) may read cross-origin. */
  exposeHeaders?: string[]
}

export function originGate(options: OriginGateOptions): MiddlewareHandler {
  const permitted = (c: Context, origin: string) => {
    if (options.allowed(origin)) return true
    const trustProxy = viaTrustedProxy(c, options.trustedProxies)
    return (
      sameOrigin(c, origin, trustProxy) ||
      (options.siblingPort !== undefined && siblingOrigin(c, origin, options.siblingPort, trustProxy))
    )
  }
  const exposeHeaders = options.exposeHeaders?.length ? options.exposeHeaders.join(',') : undefined
  return async function originGate(c, next) {
    const origin = c.req.header('origin')
    if (origin !== undefined && !permitted(c, origin)) {
      const shown = origin.length > 100 ? `${origin.slice(0, 100)}…` : origin
      throw new ProxyError(
        403,
        `Requests from the web origin "${shown}" are not allowed to use the course AI proxy. ` +
          `The operator can allow it with ${options.setting}.`,
        { code: 'origin_not_allowed' },
      )
    }
    // Caches must keep one answer per Origin: only some origins get the CORS headers.
    c.header('Vary', 'Origin', { append: true })
    if (origin !== undefined) {
      c.header('Access-Control-Allow-Origin', origin)
      if (exposeHeaders) c.header('Access-Control-Expose-Headers', exposeHeaders)
    }
    if (c.req.method !== 'OPTIONS') return next()
    // A preflight: the methods the API has, and the headers the page asks to send (for
    // Authorization, Content-Type and the SDK's own x-stainless-* headers), reflected since
    // only permitted origins get this far.
    c.header('Access-Control-Max-Age', '600')
    c.header('Access-Control-Allow-Methods', 'GET,POST,OPTIONS')
    const requested = c.req.header('access-control-request-headers')
    if (requested) {
      c.header(
        'Access-Control-Allow-Headers',
        requested
          .split(',')
          .map((h) => h.trim())
          .join(','),
      )
      c.header('Vary', 'Access-Control-Request-Headers', { append: true })
    }
    return c.body(null, 204)
  }
}
