/**
 * The sandbox origin: a second app, on its own port (SANDBOX_PORT) of the same Node process,
 * that serves only the worker runtime's static files — runner.html and its script, the app
 * worker, the Service Worker, the vendored packages — and stores nothing of the course.
 * Learner code and previews run there, so they cannot read the course's cookies, storage or
 * DOM (docs/sandboxes.md explains the choice). Also here: which origins the course's CSP must
 * let it frame. (How a course page learns that origin: api/runtime-config.ts.)
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { loopbackOrigins, type SandboxOriginConfig } from '../api/config.ts'
import { HASH_SUFFIX } from '../src/shared/sandbox-file-names.ts'
import { originHeaders } from './security-headers.ts'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
const HASHED = new RegExp(`${HASH_SUFFIX}\\.(js|wasm|data|tar)$`)
/** The app's and the database's dedicated workers. */
const WORKER_SCRIPT = new RegExp(`^/(db-)?worker${HASH_SUFFIX}\\.js$`)

export interface SandboxOriginOptions {
  /** The built sandbox-origin files (`dist-sandbox/`, see scripts/build-sandbox-origin.ts). */
  dir: string
  /** Pages allowed to embed the runner (frame-ancestors). */
  courseOrigins: string[]
}

export function createSandboxOrigin(options: SandboxOriginOptions) {
  const dir = resolve(options.dir)
  const app = new Hono()
  const built = existsSync(join(dir, 'runner.html'))

  app.use(
    originHeaders({
      // Course pages that are cross-origin isolated (COEP) may still embed and load these files.
      crossOriginResourcePolicy: 'cross-origin',
      // Its own agent cluster (?1): Chromium then runs the sandbox origin's documents (runner,
      // previews) in their own process, so a preview script stuck in a loop cannot freeze the
      // course page, even though the two origins are same-site.
      originAgentCluster: true,
      // …and an isolated page only embeds documents (runner.html) and starts workers that
      // declare COEP themselves (server/isolation-headers.ts). Same-origin loads are unaffected.
      crossOriginEmbedderPolicy: 'require-corp',
    }),
  )

  if (!built) {
    app.all('*', (c) =>
      c.text(
        `The sandbox runtime is not built (no ${join(dir, 'runner.html')}): run "npm run build", then restart the server.`,
        503,
      ),
    )
    return app
  }

  const runnerHtml = readFileSync(join(dir, 'runner.html'), 'utf8')
  const vendor = JSON.parse(readFileSync(join(dir, 'vendor/manifest.json'), 'utf8')) as Record<string, string>
  const runnerCsp = [
    "default-src 'none'",
    // es-module-lexer compiles its WebAssembly; everything else is the runner's own script.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    `frame-ancestors ${options.courseOrigins.join(' ') || "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')

  app.on(['GET', 'HEAD'], '/runner.html', (c) => {
    c.header('Content-Security-Policy', runnerCsp)
    // Cross-origin isolated course pages (WebContainer lessons) may only embed frames that opt
    // in too; the runner loads nothing from other origins, so it costs nothing.
    c.header('Cross-Origin-Embedder-Policy', 'require-corp')
    c.header('Cache-Control', REVALIDATE)
    return c.html(runnerHtml)
  })

  // Preview pages import vendored packages by stable names (import maps: "/vendor/react.js");
  // each redirects to its content-hashed file, so react and react-dom share one React.
  app.on(['GET', 'HEAD'], '/vendor/*', async (c, next) => {
    const specifier = c.req.path.slice('/vendor/'.length).replace(/\.js$/, '')
    const target = c.req.path.endsWith('.js') ? vendor[specifier] : undefined
    if (!target) return next()
    c.header('Cache-Control', REVALIDATE)
    return c.redirect(target, 302)
  })

  // Reached only when no Service Worker answered (first visit, hard reload): install it, reload.
  app.on(['GET', 'HEAD'], '/preview/*', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.html(
      '<!doctype html><html lang="en"><meta charset="utf-8"><title>Starting the preview…</title>' +
        '<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem"><p id="status">Starting the preview…</p>' +
        '<script src="/preview-boot.js"></script></body></html>',
      503,
    )
  })

  app.use('*', async (c, next) => {
    await next()
    if (c.res.status === 200 && !c.res.headers.has('Cache-Control')) {
      c.header('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : REVALIDATE)
    }
    // A dedicated worker started by a cross-origin isolated document needs it on its script.
    if (WORKER_SCRIPT.test(c.req.path)) c.header('Cross-Origin-Embedder-Policy', 'require-corp')
  })
  app.on(['GET', 'HEAD'], '*', serveStatic({ root: dir, precompressed: true }))
  app.notFound((c) => {
    const back = previewRedirect(c.req.url, c.req.header('referer'), c.req.header('sec-fetch-mode'))
    return back ? c.redirect(back, 302) : c.text('Not found on the sandbox origin.', 404)
  })
  return app
}

/**
 * A link or redirect inside a preview to "/about" leaves `/preview/<session>/`, the Service
 * Worker's scope, and reaches this server: send it back under the prefix of the preview it came
 * from (named by its Referer), where the Service Worker relays it to the app.
 */
export function previewRedirect(
  url: string,
  referer: string | undefined,
  fetchMode: string | undefined,
): string | undefined {
  if (!referer || fetchMode !== 'navigate') return undefined
  let from: URL
  const to = new URL(url)
  try {
    from = new URL(referer)
  } catch {
    return undefined
  }
  const session = /^\/preview\/([^/]+)\//.exec(from.pathname)?.[1]
  if (!session || from.host !== to.host || to.pathname.startsWith('/preview/')) return undefined
  return `/preview/${session}${to.pathname}${to.search}`
}

/** Origins the course's CSP must allow as frame and connect sources (createSite's frameOrigins). */
export function sandboxFrameOrigins(
  config: Pick<SandboxOriginConfig, 'port' | 'origin'>,
  host?: string,
): string[] {
  return config.origin ? [config.origin] : loopbackOrigins(config.port, host)
}
