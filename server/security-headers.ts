/**
 * Security headers for every response of the course origin. The CSP allows exactly what the
 * site needs: its own scripts (plus hashes of the few inline ones, computed from the built
 * HTML) and WebAssembly (the search), Monaco's injected styles, same-origin workers, and frames from the sandbox origin.
 */
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

export interface SecurityHeaderOptions {
  /** sha256-… hashes of inline scripts in the built HTML. */
  scriptHashes?: string[]
  /** Origins allowed to be framed and fetched (the sandbox origin). */
  frameOrigins?: string[]
}

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>

/** Hono's secureHeaders sends a dozen headers unless told not to: none of them, to start from. */
const NO_HEADERS = {
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
} satisfies SecureHeadersOptions

/**
 * Hono's secureHeaders sending what both origins send (no MIME sniffing; only the origin as
 * referrer to other sites) and `headers`, replacing any a handler set.
 */
export function originHeaders(headers: SecureHeadersOptions = {}): MiddlewareHandler {
  return secureHeaders({
    ...NO_HEADERS,
    xContentTypeOptions: true,
    referrerPolicy: 'strict-origin-when-cross-origin',
    ...headers,
  })
}

export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const hashes = (options.scriptHashes ?? []).map((h) => `'${h}'`)
  const frames = options.frameOrigins ?? []
  const headers = originHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // 'wasm-unsafe-eval' lets the site search (Pagefind, src/components/search/) compile its
      // WebAssembly; it allows WebAssembly compilation only, not eval() or inline scripts.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...hashes],
      // Monaco and Shiki set inline styles; styles cannot run code, so this is an accepted trade-off.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...frames],
      workerSrc: ["'self'", 'blob:'],
      frameSrc: ["'self'", ...frames],
      frameAncestors: ["'self'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'SAMEORIGIN',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  })
  // Pages that host a WebContainer already have COOP same-origin (isolation-headers.ts): kept.
  const opener = secureHeaders({
    ...NO_HEADERS,
    crossOriginOpenerPolicy: 'same-origin-allow-popups',
    overwrite: false,
  })
  return async function securityHeaders(c, next) {
    await headers(c, async () => {
      await opener(c, next)
    })
  }
}
