/**
 * Gives the editor's TypeScript the declarations of the packages sandbox code imports,
 * fetched (once per page, from same-origin hashed chunks) only when some file imports them.
 */
import { typeLibraries } from 'virtual:course-sandbox-types'
import { importRoots } from './import-roots.ts'
import type { typescript } from './load-monaco.ts'

const loading = new Map<string, Promise<void>>()

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
  const roots = new Set(['hono'])
  for (const source of sources) for (const root of importRoots(source)) roots.add(root)
  const packages = new Set<string>()
  for (const root of roots) for (const pkg of typeLibraries.needs(root)) packages.add(pkg)
  await Promise.all([...packages].map((pkg) => loadPackage(pkg, defaults)))
}
