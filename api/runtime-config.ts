/**
 * GET /api/runtime-config → { sandboxOrigin, requestTimeoutMs }: what a course page's
 * WorkerRuntime asks the server once (src/sandbox/worker-runtime.ts). Part of the API
 * (createApi), so `npm start` and `astro dev` serve it the same way.
 */
import { Hono } from 'hono'
import type { SandboxOriginConfig } from './config.ts'

/**
 * The sandbox origin for a course page at `requestUrl`: SANDBOX_ORIGIN when set, otherwise the
 * page's own host on SANDBOX_PORT. The same host keeps the two origins same-site, which
 * browsers that block third-party storage (Chrome's incognito mode, Safari, Firefox's strict
 * mode) require before a frame may register a Service Worker or open IndexedDB; a different
 * port is still a different origin, with its own localStorage, IndexedDB and Service Workers.
 * Cookies ignore ports, so a deployment puts sandboxes on a host of their own
 * (docs/sandboxes.md).
 */
export function sandboxOriginFor(
  requestUrl: string,
  config: Pick<SandboxOriginConfig, 'port' | 'origin'>,
): string {
  if (config.origin) return config.origin
  const url = new URL(requestUrl)
  return `${url.protocol}//${url.hostname}:${config.port}`
}

/** The route, mounted at /runtime-config of the API. */
export function runtimeConfigRoute(config: Pick<SandboxOriginConfig, 'port' | 'origin' | 'timeoutMs'>) {
  const app = new Hono()
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ sandboxOrigin: sandboxOriginFor(c.req.url, config), requestTimeoutMs: config.timeoutMs })
  })
  return app
}
