/**
 * The packages learner code can import in the browser runtime, built from node_modules into
 * ESM files on the sandbox origin (scripts/build-sandbox-origin.ts). Bare imports are
 * rewritten to those files' URLs; preview pages reach them at /vendor/<specifier>.js. The
 * editor offers types for the same specifiers (src/build/vite/sandbox-editor-plugins.ts), so it
 * knows only imports the runtime can run. Build-time (Node) code only.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface VendoredPackage {
  specifier: string
  /**
   * Packages of one group are bundled into one file (few requests: a fresh worker imports a
   * whole group in one fetch) that shares one copy of their code: hono with its middleware,
   * react with react-dom. Groups import earlier groups, never later ones.
   */
  group: VendorGroup
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

/** In build order. */
export const VENDOR_GROUPS = [
  'hono',
  'hono-jsx',
  'zod',
  'hono-zod-validator',
  'openai',
  'react',
  'pglite',
] as const
export type VendorGroup = (typeof VENDOR_GROUPS)[number]

/**
 * hono's JSX (and what is built on it: jsx-renderer, css) is a third of hono's code and shares
 * state among its modules, so it is a group of its own: apps without JSX do not load it.
 */
export function honoGroupOf(specifier: string): VendorGroup {
  return /^hono\/(jsx|jsx-renderer|css)(\/|$)/.test(specifier) ? 'hono-jsx' : 'hono'
}

/** Besides `hono` and its subpaths (groups from honoGroupOf), which the build lists from hono's package.json. */
export const VENDORED_PACKAGES: VendoredPackage[] = [
  { specifier: '@hono/node-server', group: 'hono', shim: 'node-server.ts' },
  { specifier: '@hono/node-server/serve-static', group: 'hono', shim: 'node-server-serve-static.ts' },
  { specifier: 'zod', group: 'zod' },
  { specifier: 'zod/mini', group: 'zod' },
  { specifier: '@hono/zod-validator', group: 'hono-zod-validator' },
  { specifier: 'openai', group: 'openai', shim: 'openai.ts' },
  { specifier: 'react', group: 'react', commonjs: true },
  { specifier: 'react/jsx-runtime', group: 'react', commonjs: true },
  { specifier: 'react-dom', group: 'react', commonjs: true },
  { specifier: 'react-dom/client', group: 'react', commonjs: true },
  // PGlite's client; its Postgres (~5 MB) runs in the DB worker, loaded only by apps that import it.
  { specifier: '@electric-sql/pglite', group: 'pglite', shim: 'pglite.ts' },
]

/** `hono/*` specifiers from hono's package.json in `root`'s node_modules, minus adapters for other runtimes. */
export function honoSubpaths(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/hono/package.json'), 'utf8')) as {
    exports: Record<string, unknown>
  }
  return Object.keys(pkg.exports)
    .filter((key) => key !== '.' && key !== './package.json')
    .map((key) => `hono/${key.slice(2)}`)
    .filter((specifier) => !HONO_SUBPATHS_LEFT_OUT.has(specifier) && !specifier.includes('*'))
}

/** Every bare specifier learner code can import in the browser runtime: hono, its subpaths, VENDORED_PACKAGES. */
export function vendoredSpecifiers(root: string): string[] {
  return ['hono', ...honoSubpaths(root), ...VENDORED_PACKAGES.map((p) => p.specifier)]
}
