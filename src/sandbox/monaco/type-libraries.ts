/**
 * Gives the editor's TypeScript the declarations of the packages sandbox code imports,
 * fetched (once per page, from same-origin hashed chunks) only when some file imports them.
 */
import { typeLibraries } from 'virtual:course-sandbox-types'
import { importRoots } from './import-roots.ts'
import type { typescript } from './load-monaco.ts'

const loading = new Map<string, Promise<void>>()

/**
 * Node's own declarations are ~460 KB gz; sandbox code only touches Node in its entry file
 * (src/server.ts: `process.env.PORT`) and in WebContainer sandboxes (`node:` modules). These few
 * lines keep those files free of false squiggles; `node:` imports are typed `any`.
 */
const NODE_GLOBALS = `// Stand-in for @types/node in the sandbox editor (see src/sandbox/monaco/type-libraries.ts).
declare var process: {
  env: Record<string, string | undefined>
  argv: string[]
  platform: string
  version: string
  versions: Record<string, string>
  cwd(): string
  chdir(directory: string): void
  exit(code?: number): never
  on(event: string, listener: (...args: any[]) => void): unknown
}
declare module 'node:*'
`
let nodeGlobalsAdded = false

type Defaults = typeof typescript.typescriptDefaults

function loadPackage(pkg: string, defaults: Defaults[]): Promise<void> {
  let promise = loading.get(pkg)
  if (!promise) {
    promise = typeLibraries.load(pkg).then((files) => {
      for (const [path, content] of Object.entries(files))
        for (const d of defaults) d.addExtraLib(content, path)
    })
    // A failed fetch (offline before the chunk was cached) may be retried on the next edit.
    promise.catch(() => loading.delete(pkg))
    loading.set(pkg, promise)
  }
  return promise
}

/**
 * Loads types for every package these sources import (hono always: every sandbox is a Hono
 * app). Resolves when they are in the worker; new imports typed later call this again.
 */
export async function ensureTypesFor(sources: string[], defaults: Defaults[]): Promise<void> {
  if (!nodeGlobalsAdded) {
    nodeGlobalsAdded = true
    for (const d of defaults)
      d.addExtraLib(NODE_GLOBALS, 'file:///node_modules/@types/course-node-globals/index.d.ts')
  }
  const roots = new Set(['hono'])
  for (const source of sources) for (const root of importRoots(source)) roots.add(root)
  const packages = new Set<string>()
  for (const root of roots) for (const pkg of typeLibraries.needs(root)) packages.add(pkg)
  await Promise.all([...packages].map((pkg) => loadPackage(pkg, defaults)))
}
