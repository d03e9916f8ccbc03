/**
 * Cross-origin isolation for the lesson pages that host a WebContainer sandbox, and only
 * those: a WebContainer needs SharedArrayBuffer, which browsers only give pages served with
 * COOP `same-origin` + COEP `require-corp`; COEP elsewhere would block third-party embeds and
 * COOP would cut popups' `window.opener` for no reason.
 *
 * - COEP is `require-corp`, not `credentialless`: the course loads nothing cross-origin on
 *   these pages but the WebContainer frames (which send the headers require-corp needs) and
 *   the sandbox origin (which sends them too, see server/sandbox-origin.ts); require-corp also
 *   isolates in Safari, which does not support credentialless. Must match WEBCONTAINER_COEP
 *   in src/sandbox/webcontainer/boot.ts.
 * - The CSP on those pages also allows frames from StackBlitz's hosts: the WebContainer
 *   boots in a hidden stackblitz.com frame and previews live on *.webcontainer-api.io.
 * - The site's static files carry `Cross-Origin-Resource-Policy: cross-origin`, so they still
 *   load into isolated documents that are not on the course origin (the sandbox origin, a
 *   CDN in front of the site). They are public files, so allowing every origin leaks nothing.
 *   They also carry COEP: an isolated page may only start a dedicated worker (Monaco's
 *   editor and TypeScript workers) whose script response has a compatible COEP; on any other
 *   script, stylesheet or image the header means nothing.
 *
 * Used by the production site (server/site.ts, registered *before* securityHeaders so it sees
 * and extends the final CSP) and, with the same functions, by `astro dev` (astro.config.mjs).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { setAnswerHeader } from '../api/response-headers.ts'

/** Written into the build by server/webcontainer-pages.ts; read by the production server at start-up. */
export const ISOLATION_MANIFEST = '_course/webcontainer-pages.json'

export const WEBCONTAINER_COEP = 'require-corp'

/** Hosts a WebContainer page must be allowed to frame. */
export const WEBCONTAINER_FRAME_SOURCES = [
  'https://stackblitz.com',
  'https://*.stackblitz.com',
  'https://*.webcontainer-api.io',
]

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': WEBCONTAINER_COEP,
} as const

/** On static files: loadable from isolated documents anywhere, and usable as worker scripts there. */
export const ASSET_HEADERS = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cross-Origin-Embedder-Policy': WEBCONTAINER_COEP,
} as const

export interface IsolationOptions {
  /** Page paths that host a WebContainer sandbox (see server/webcontainer-pages.ts). */
  pages: Iterable<string>
}

/** "/lessons/a/b", "/lessons/a/b/" and "/lessons/a/b/index.html" are one page. */
export function normalisePagePath(path: string): string {
  const trimmed = path.replace(/\/index\.html$/, '/').replace(/\.html$/, '')
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`
}

/** Adds the WebContainer hosts to `frame-src` (creating it from `default-src` if absent). */
export function allowWebContainerFrames(csp: string): string {
  const directives = csp
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
  const index = directives.findIndex((d) => /^frame-src\s/i.test(d) || d.toLowerCase() === 'frame-src')
  if (index === -1) {
    const fallback = directives.find((d) => /^(child-src|default-src)\s/i.test(d))
    const base = fallback ? fallback.replace(/^\S+/, 'frame-src') : "frame-src 'self'"
    directives.push(`${base} ${WEBCONTAINER_FRAME_SOURCES.join(' ')}`)
  } else {
    const existing = new Set(directives[index]!.split(/\s+/))
    const added = WEBCONTAINER_FRAME_SOURCES.filter((source) => !existing.has(source))
    if (added.length) directives[index] = `${directives[index]} ${added.join(' ')}`
  }
  return directives.join('; ')
}

/** Static files (scripts, styles, fonts, images, vendored modules), not pages or the API. */
export function isStaticAsset(path: string, contentType: string | null): boolean {
  if (path === '/api' || path.startsWith('/api/')) return false
  return !(contentType ?? '').toLowerCase().startsWith('text/html')
}

export function isolationHeaders(options: IsolationOptions): MiddlewareHandler {
  const pages = new Set([...options.pages].map(normalisePagePath))
  return async function isolationHeaders(c, next) {
    await next()
    if (c.res.status >= 400) return
    if (pages.has(normalisePagePath(c.req.path))) {
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) setAnswerHeader(c, name, value)
      const csp = c.res.headers.get('Content-Security-Policy')
      if (csp) setAnswerHeader(c, 'Content-Security-Policy', allowWebContainerFrames(csp))
    } else if (isStaticAsset(c.req.path, c.res.headers.get('Content-Type'))) {
      for (const [name, value] of Object.entries(ASSET_HEADERS)) setAnswerHeader(c, name, value)
    }
  }
}

/** The pages listed in a build; none when the build has no manifest (an older build, a test fixture). */
export function readIsolationManifest(distDir: string): string[] {
  const file = join(distDir, ISOLATION_MANIFEST)
  if (!existsSync(file)) return []
  const data = JSON.parse(readFileSync(file, 'utf8')) as { pages?: unknown }
  if (!Array.isArray(data.pages) || !data.pages.every((p) => typeof p === 'string' && p.startsWith('/'))) {
    throw new Error(`${file} is not a list of page paths; rebuild the site with "npm run build".`)
  }
  return data.pages
}
