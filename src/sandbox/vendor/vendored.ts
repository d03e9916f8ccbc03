/**
 * The packages learner code can import in the browser runtime, built from node_modules into
 * ESM files on the sandbox origin (scripts/build-sandbox-origin.ts). Bare imports are
 * rewritten to those files' URLs; preview pages reach them at /vendor/<specifier>.js.
 */

export interface VendoredPackage {
  specifier: string
  /** A browser stand-in (a file in this folder) built in place of the package. */
  shim?: string
  /** CommonJS packages get their named exports listed explicitly so `import { useState }` works. */
  commonjs?: boolean
}

/** hono/* subpaths that are adapters for other runtimes or need Node; every other export is vendored. */
export const HONO_SUBPATHS_LEFT_OUT = new Set([
  'hono/utils/*',
  'hono/types',
  'hono/aws-lambda',
  'hono/lambda-edge',
  'hono/bun',
  'hono/deno',
  'hono/cloudflare-workers',
  'hono/cloudflare-pages',
  'hono/vercel',
  'hono/netlify',
  'hono/conninfo',
  'hono/ssg',
  // AsyncLocalStorage from node:async_hooks, which browsers do not have.
  'hono/context-storage',
])

export const VENDORED_PACKAGES: VendoredPackage[] = [
  { specifier: 'zod' },
  { specifier: 'zod/mini' },
  { specifier: '@hono/zod-validator' },
  { specifier: 'openai', shim: 'openai.ts' },
  { specifier: 'react', commonjs: true },
  { specifier: 'react/jsx-runtime', commonjs: true },
  { specifier: 'react-dom', commonjs: true },
  { specifier: 'react-dom/client', commonjs: true },
  { specifier: '@hono/node-server', shim: 'node-server.ts' },
  { specifier: '@hono/node-server/serve-static', shim: 'node-server-serve-static.ts' },
]

/** "hono/cors" → "vendor/hono/cors" (the output name before its content hash). */
export function vendorOutputName(specifier: string): string {
  return `vendor/${specifier}`
}
