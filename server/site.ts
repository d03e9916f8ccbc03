/**
 * The production app of the course origin: the built site from `dist/` and the API under
 * `/api`, with caching rules, compression and security headers. Kept free of Node's server
 * so tests drive it with `app.request()`; `server/server.ts` is the Node entry.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { createApi, type ApiSandbox } from '../api/app.ts'
import { hashInlineScriptsInDir } from './inline-script-hashes.ts'
import { isolationHeaders, readIsolationManifest } from './isolation-headers.ts'
import { defaultMetrics, type CourseMetrics } from '../api/metrics/metrics.ts'
import { requestIds } from '../api/request-log/request-id.ts'
import { setAnswerHeader } from '../api/response-headers.ts'
import { securityHeaders } from './security-headers.ts'

export interface SiteOptions {
  distDir: string
  env?: Record<string, string | undefined>
  /** Where sandboxes are served (the API's default: for the course on PORT). */
  sandbox?: ApiSandbox
  /** Origins the course pages may frame and call (the sandbox origin). */
  frameOrigins?: string[]
  /** Where requests are counted and timed (default: the process's metrics). */
  metrics?: CourseMetrics
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/**
 * The search index (scripts/build-search-index.ts): Pagefind names its index, fragment, filter
 * and metadata files by content hash; its entry file, script and WebAssembly keep their names
 * across builds, so they are revalidated and a new build's entry never points at old chunks.
 */
const PAGEFIND_HASHED = /^\/pagefind\/(?:(?:index|fragment|filter)\/[^/]+|[^/]+\.pf_meta)$/

export function cacheControlFor(path: string): string {
  if (path.startsWith('/_astro/')) return IMMUTABLE // content-hashed file names
  if (path.startsWith('/pagefind/')) return PAGEFIND_HASHED.test(path) ? IMMUTABLE : REVALIDATE
  if (path.endsWith('/') || path.endsWith('.html') || !/\.[a-z0-9]+$/i.test(path)) return REVALIDATE
  // A lesson's Markdown (src/pages/lessons/[topic]/[lesson].md.ts) changes with its page.
  if (path.endsWith('.md')) return REVALIDATE
  return 'public, max-age=3600'
}

/** Types the static server does not know by extension (it sends application/octet-stream). */
const CONTENT_TYPES: [RegExp, string][] = [[/\.md$/, 'text/markdown; charset=utf-8']]

export function createSite(options: SiteOptions) {
  const distDir = resolve(options.distDir)
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built site in ${distDir}: run "npm run build" first (npm start does it for you).`)
  }
  const notFoundPage = readFileSync(join(distDir, '404.html'), 'utf8')
  const app = new Hono()
  const metrics = options.metrics ?? defaultMetrics()

  // Outermost: every request is timed and counted with its final status, and has an id.
  app.use(metrics.http())
  app.use(requestIds())
  // Then, so it runs last: COOP/COEP and StackBlitz frames on WebContainer lesson pages (it
  // extends the CSP set below), CORP on static files.
  app.use(isolationHeaders({ pages: readIsolationManifest(distDir) }))
  app.use(
    securityHeaders({ scriptHashes: hashInlineScriptsInDir(distDir), frameOrigins: options.frameOrigins }),
  )
  // Only the metrics text is worth compressing: the API's other answers are small JSON (a chat
  // completion is about 400 bytes; gzip on it cost the course server more CPU than the rest
  // of a proxied request, bench:ai-proxy) and event streams, which are never compressed.
  app.use('/api/metrics', compress())
  app.route('/api', createApi({ env: options.env, sandbox: options.sandbox, metrics }))

  app.use('*', async (c, next) => {
    await next()
    if (c.res.status < 400 && !c.res.headers.has('Cache-Control')) {
      setAnswerHeader(c, 'Cache-Control', cacheControlFor(c.req.path))
    }
    const type = c.res.status < 400 && CONTENT_TYPES.find(([pattern]) => pattern.test(c.req.path))
    if (type) setAnswerHeader(c, 'Content-Type', type[1])
  })
  // serveStatic refuses `..`, encoded separators and double slashes, so nothing outside
  // dist/ is ever read; precompressed .br/.gz files are written by scripts/precompress.ts.
  app.use('*', serveStatic({ root: distDir, precompressed: true }))

  app.notFound((c) => {
    c.header('Cache-Control', REVALIDATE)
    return c.html(notFoundPage, 404)
  })
  return app
}
