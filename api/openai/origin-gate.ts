/**
 * Which web pages may call the proxy. Browsers always send `Origin` on cross-origin
 * requests and on POSTs, so a request whose Origin is neither the API's own nor on the
 * allow-list comes from some other website and is refused with a 403; allowed origins get
 * CORS headers (with preflight for Authorization and Content-Type) so learner code in the
 * sandbox origin's Web Worker can call the proxy with fetch or the SDK.
 *
 * Requests without Origin (curl, Node, server code) pass: Origin is a browser control and
 * proves nothing about other clients — access tokens and budgets cover those.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
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

function sameOrigin(c: Context, origin: string, trustProxy: boolean): boolean {
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return false
  }
  const ownHost = (trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host')
  return ownHost !== undefined && ownHost.toLowerCase() === host.toLowerCase()
}

export interface OriginGateOptions {
  allowed: OriginCheck
  /** The variable an operator sets to allow more origins, named in the 403. */
  setting: string
  trustProxy?: boolean
  /** Response headers the learner's code (and the SDK's retry logic) may read cross-origin. */
  exposeHeaders?: string[]
}

export function originGate(options: OriginGateOptions): MiddlewareHandler {
  const trustProxy = options.trustProxy ?? false
  const permitted = (c: Context, origin: string) => sameOrigin(c, origin, trustProxy) || options.allowed(origin)
  const corsHeaders = cors({
    origin: (origin, c) => (origin && permitted(c, origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // Empty: reflect what the preflight asks for (Authorization, Content-Type and the
    // SDK's own x-stainless-* headers), which only ever reaches permitted origins.
    allowHeaders: [],
    exposeHeaders: options.exposeHeaders ?? [],
    maxAge: 600,
  })
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
    return corsHeaders(c, next)
  }
}
