/**
 * What a dev server such as Vite does for a page's own code, applied to the responses a preview
 * iframe receives (runs in the runner page, on the sandbox origin):
 *
 * - A module the page loads as `.jsx`, `.tsx`, `.ts` or `.mts` is transpiled on the way (the same
 *   sucrase transform as the learner's backend code, so lines stay where they were and a stack
 *   trace's line is the learner's line), with React's automatic JSX runtime: frontend JSX is
 *   React, backend JSX (src/) stays Hono's.
 * - An HTML page gets an import map for the vendored packages, so `import { useState } from
 *   'react'` works with no hand-written map. A page that has its own import map keeps it alone
 *   (a hand-written one wins).
 *
 * Under plain Node the sandbox's own dev server does the same (see
 * sandboxes/hello-react-page/src/dev-assets.ts); a parity test keeps the two in step.
 */
import { SandboxCodeError, transpileModule } from './transpile.ts'

/** URL paths whose responses are transpiled before a page runs them. */
export function isClientModulePath(urlPath: string): boolean {
  return /\.(?:jsx|tsx|ts|mts)$/i.test(urlPath)
}

/** Frontend JSX is React's: `<App />` becomes `jsx(App, {})` from react/jsx-runtime. */
export const CLIENT_JSX_IMPORT_SOURCE = 'react'

export function transformClientModule(file: string, source: string): string {
  return transpileModule(file, source, { jsxImportSource: CLIENT_JSX_IMPORT_SOURCE })
}

/** `{ imports: { react: '/vendor/react.js', … } }` for the given bare specifiers. */
export function vendorImportMap(specifiers: Iterable<string>): { imports: Record<string, string> } {
  const imports: Record<string, string> = {}
  for (const specifier of [...specifiers].sort()) imports[specifier] = `/vendor/${specifier}.js`
  return { imports }
}

const HAS_IMPORT_MAP = /<script\b[^>]*\btype\s*=\s*["']?importmap\b/i

/**
 * Puts the import map first in <head> (it must precede every module script), or at the very top
 * of a document without a <head> tag. Leaves a page that has an import map of its own untouched.
 */
export function injectImportMap(html: string, map: { imports: Record<string, string> }): string {
  if (HAS_IMPORT_MAP.test(html.replace(/<!--[\s\S]*?-->/g, ''))) return html
  const tag = `<script type="importmap">${JSON.stringify(map)}</script>`
  const head = /<head\b[^>]*>/i.exec(html)
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length)
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
  return doctype ? doctype[0] + tag + html.slice(doctype[0].length) : tag + html
}

export interface ClientResponse {
  status: number
  headers: [string, string][]
  body: string
}

export type ClientTransform =
  | { kind: 'unchanged' }
  | { kind: 'changed'; response: ClientResponse }
  | { kind: 'failed'; response: ClientResponse; error: SandboxCodeError }

/**
 * The learner file a URL path was served from: `/App.jsx` is usually `public/App.jsx`. Falls back
 * to the URL path itself, which still names the file for the learner.
 */
export function fileForUrlPath(urlPath: string, files: Iterable<string>): string {
  const wanted = urlPath.replace(/^\/+/, '')
  let best: string | undefined
  for (const file of files) {
    if (file === wanted || file.endsWith(`/${wanted}`)) {
      // The shortest match is the most direct one (public/App.jsx over public/old/public/App.jsx).
      if (best === undefined || file.length < best.length) best = file
    }
  }
  return best ?? wanted
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1]
}

function withHeader(headers: [string, string][], name: string, value: string): [string, string][] {
  // The body changes, so its length and any validator of the original bytes no longer hold.
  const drop = new Set([name, 'content-length', 'etag', 'content-encoding'])
  return [...headers.filter(([key]) => !drop.has(key.toLowerCase())), [name, value]]
}

/**
 * Applies both rules to one preview response. `urlPath` is the path the page asked for, relative
 * to the app (no /preview/<session> prefix).
 */
export function transformClientResponse(
  urlPath: string,
  response: ClientResponse,
  options: { files: Iterable<string>; importMap: { imports: Record<string, string> } },
): ClientTransform {
  if (response.status < 200 || response.status >= 300) return { kind: 'unchanged' }
  const type = header(response.headers, 'content-type') ?? ''
  if (/^text\/html\b/i.test(type)) {
    const body = injectImportMap(response.body, options.importMap)
    return body === response.body
      ? { kind: 'unchanged' }
      : {
          kind: 'changed',
          response: { ...response, headers: withHeader(response.headers, 'content-type', type), body },
        }
  }
  if (!isClientModulePath(urlPath)) return { kind: 'unchanged' }
  const file = fileForUrlPath(urlPath, options.files)
  const javascript = 'text/javascript; charset=utf-8'
  try {
    const body = transformClientModule(file, response.body)
    return {
      kind: 'changed',
      response: { ...response, headers: withHeader(response.headers, 'content-type', javascript), body },
    }
  } catch (err) {
    if (!(err instanceof SandboxCodeError)) throw err
    const where = err.line ? `${file}:${err.line}${err.column ? `:${err.column}` : ''}` : file
    // Still JavaScript, so the page's console shows the same message the course console does.
    const body = `throw new SyntaxError(${JSON.stringify(`${where}: ${err.message.replace(/^SyntaxError: /, '')}`)})\n`
    return {
      kind: 'failed',
      error: err,
      response: { status: 500, headers: withHeader(response.headers, 'content-type', javascript), body },
    }
  }
}
