/**
 * The browser runtime's stand-in for `@hono/node-server/serve-static`. A sandbox serves its
 * `public/` folder with the same line under Node and in the browser:
 *
 *   app.use('/*', serveStatic({ root: './public' }))
 *
 * Under Node the real middleware reads the disk (paths relative to the sandbox folder, the
 * working directory of `npm run dev`); here the same options read the sandbox's files, which
 * the app worker puts under a well-known symbol before it imports the app.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getMimeType } from 'hono/utils/mime'

const FILES = Symbol.for('course.sandbox.files')

export interface ServeStaticOptions {
  root?: string
  path?: string
  index?: string
  precompressed?: boolean
  mimes?: Record<string, string>
  rewriteRequestPath?: (path: string, c: Context) => string
  onFound?: (path: string, c: Context) => void | Promise<void>
  onNotFound?: (path: string, c: Context) => void | Promise<void>
}

function sandboxFiles(): Record<string, string> {
  return ((globalThis as Record<symbol, unknown>)[FILES] as Record<string, string> | undefined) ?? {}
}

/** "./public" + "/css/site.css" → "public/css/site.css" (sandbox-relative, no dot segments). */
function joinPath(...parts: string[]): string {
  return parts
    .join('/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/')
}

export const serveStatic = (options: ServeStaticOptions = { root: '' }): MiddlewareHandler => {
  const root = options.root ?? ''
  return async function serveStatic(c, next) {
    if (c.finalized) return next()
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    let filename = options.path
    if (filename === undefined) {
      try {
        filename = decodeURI(c.req.path)
      } catch {
        filename = undefined
      }
      // The same refusals as the Node middleware: dot segments, double slashes, backslashes.
      if (filename === undefined || /(?:^|[/\\])\.{1,2}(?:$|[/\\])|[/\\]{2,}|\\/.test(filename)) {
        await options.onNotFound?.(c.req.path, c)
        return next()
      }
      if (options.rewriteRequestPath) filename = options.rewriteRequestPath(filename, c)
    }
    const files = sandboxFiles()
    let path = joinPath(root, filename)
    if (files[path] === undefined) path = joinPath(path, options.index ?? 'index.html')
    const content = files[path]
    if (content === undefined) {
      await options.onNotFound?.(path, c)
      return next()
    }
    c.header('Content-Type', getMimeType(path, options.mimes) ?? 'application/octet-stream')
    await options.onFound?.(path, c)
    return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(content, 200)
  }
}
