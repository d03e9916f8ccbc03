/**
 * Build-time (Node): a Vite plugin that serves the collected type definitions as lazy modules.
 *
 *   import { typeLibraries } from 'virtual:course-sandbox-types'
 *   const files = await typeLibraries.load('hono') // { "file:///node_modules/hono/…": "…" }
 *
 * Each package becomes its own content-hashed chunk, fetched only when a sandbox's code
 * imports it (openai's declarations alone are ~470 KB gz), so lesson pages carry none of it.
 */
import type { Plugin } from 'vite'
import { vendoredSpecifiers } from '../../sandbox/vendor/vendored.ts'
import { packageRoot } from '../../sandbox/monaco/import-roots.ts'
import { monacoStylesPlugin } from './monaco-styles-plugin.ts'
import { collectTypeDefinitions, type TypeDefinitions, type TypePackageSpec } from './type-definitions.ts'

const INDEX_ID = 'virtual:course-sandbox-types'
const PACKAGE_PREFIX = 'virtual:course-sandbox-types/'

/**
 * What sandbox code can import: the browser runtime's vendored specifiers (vendored.ts), one
 * spec per package, so the editor has types for exactly the imports the runtime can run.
 */
export function defaultTypeSpecs(root: string): TypePackageSpec[] {
  const specs = new Map<string, string[]>()
  for (const specifier of vendoredSpecifiers(root)) {
    const name = packageRoot(specifier)!
    specs.set(name, [...(specs.get(name) ?? []), specifier])
  }
  return [...specs].map(([name, entries]) => ({ name, entries }))
}

/** Chunk-friendly id for a package name: "@hono/zod-validator" → "hono__zod-validator". */
function slug(name: string): string {
  return name.replace(/^@/, '').replace(/\//g, '__')
}

export function sandboxTypesPlugin(options: { root?: string; specs?: TypePackageSpec[] } = {}): Plugin {
  let definitions: TypeDefinitions | undefined
  const collect = (root: string) => {
    definitions ??= collectTypeDefinitions(root, options.specs ?? defaultTypeSpecs(root))
    return definitions
  }
  let root = options.root ?? process.cwd()

  return {
    name: 'course-sandbox-types',
    configResolved(config) {
      root = options.root ?? config.root
    },
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(PACKAGE_PREFIX)) return `\0${id}`
      return undefined
    },
    load(id) {
      if (!id.startsWith('\0virtual:course-sandbox-types')) return undefined
      const { packages, needs } = collect(root)
      const virtualId = id.slice(1)
      if (virtualId === INDEX_ID) {
        const loaders = packages
          .map(
            (pkg) =>
              `  ${JSON.stringify(pkg.name)}: () => import(${JSON.stringify(PACKAGE_PREFIX + slug(pkg.name))}),`,
          )
          .join('\n')
        return [
          `const loaders = {\n${loaders}\n}`,
          `const needs = ${JSON.stringify(needs)}`,
          'export const typeLibraries = {',
          '  /** Import roots with types ("hono", "react-dom", …). */',
          '  roots: Object.keys(needs),',
          '  /** Every package a root needs, itself included. */',
          '  needs: (root) => needs[root] ?? [],',
          '  load: async (pkg) => (await loaders[pkg]()).default,',
          '}',
        ].join('\n')
      }
      const pkg = packages.find((p) => PACKAGE_PREFIX + slug(p.name) === virtualId)
      if (!pkg) this.error(`course-sandbox-types: no type package for ${virtualId}`)
      return `export default ${JSON.stringify(pkg.files)}`
    },
  }
}

/** Everything the sandbox editor needs from the build: type definitions and lazily injected Monaco CSS. */
export function sandboxEditorPlugins(): Plugin[] {
  return [sandboxTypesPlugin(), monacoStylesPlugin()]
}
