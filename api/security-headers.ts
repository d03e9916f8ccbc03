/**
 * Security headers for every response of the course origin. The CSP allows exactly what the
 * site needs: its own scripts (plus hashes of the few inline ones, computed from the built
 * HTML) and WebAssembly (the search), Monaco's injected styles, same-origin workers, and frames from the sandbox origin.
 */
import type { MiddlewareHandler } from 'hono'

export interface SecurityHeaderOptions {
  /** sha256-… hashes of inline scripts in the built HTML. */
  scriptHashes?: string[]
  /** Origins allowed to be framed and fetched (the sandbox origin). */
  frameOrigins?: string[]
}

export function contentSecurityPolicy(options: SecurityHeaderOptions = {}): string {
  const hashes = (options.scriptHashes ?? []).map((h) => `'${h}'`)
  const frames = options.frameOrigins ?? []
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the site search (Pagefind, src/components/search/) compile its
    // WebAssembly; it allows WebAssembly compilation only, not eval() or inline scripts.
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    // Monaco and Shiki set inline styles; styles cannot run code, so this is an accepted trade-off.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${frames.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    `frame-src 'self' ${frames.join(' ')}`.trim(),
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const csp = contentSecurityPolicy(options)
  return async function securityHeaders(c, next) {
    await next()
    c.header('Content-Security-Policy', csp)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
    c.header('X-Frame-Options', 'SAMEORIGIN')
    c.header(
      'Cross-Origin-Opener-Policy',
      c.res.headers.get('Cross-Origin-Opener-Policy') ?? 'same-origin-allow-popups',
    )
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  }
}
