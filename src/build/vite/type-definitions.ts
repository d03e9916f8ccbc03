/**
 * Build-time (Node): collects the type definitions of the packages sandbox code imports
 * (the browser runtime's vendored packages, see sandbox-editor-plugins.ts) from node_modules, so
 * the editor gives completions, hover types and red squiggles with no network.
 *
 * TypeScript itself resolves each package's entry points (bundler resolution, the same the
 * editor uses), and we keep exactly the declaration files and package.json files it read:
 * the editor's TypeScript then resolves the same specifiers to the same files.
 */
import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'

export interface TypePackageSpec {
  /** Import specifier root learners write, e.g. "hono" or "@hono/zod-validator". */
  name: string
  /** Specifiers whose types to include; every subpath learners may import. */
  entries: string[]
}

export interface TypePackage {
  /** Package name without "@types/": "hono", "react", "csstype". */
  name: string
  /** "file:///node_modules/…" → file text, in the editor's virtual file system. */
  files: Record<string, string>
}

export interface TypeDefinitions {
  packages: TypePackage[]
  /** Import specifier root ("react-dom") → every package whose files its types need. */
  needs: Record<string, string[]>
}

/**
 * Packages whose declarations are replaced: `null` drops them (their types become `any`, which
 * skipLibCheck keeps quiet), a string replaces their entry declaration file.
 */
const STAND_INS: Record<string, string | null> = {
  // openai's declarations reference Node's types (2.6 MB) only for file uploads.
  node: null,
  undici: null,
  'undici-types': null,
  buffer: null,
  punycode: null,
  // csstype is ~1 MB of CSS property names; React's style props accept any property instead.
  csstype: [
    '// Stand-in for csstype (the real file is ~1 MB): CSS property objects accept any property.',
    'export interface Properties<TLength = (string & {}) | 0, TTime = string & {}> { [property: string]: any }',
    'export interface PropertiesHyphen<TLength = (string & {}) | 0, TTime = string & {}> { [property: string]: any }',
    'export type Property = any',
    '',
  ].join('\n'),
}

/** The package a node_modules path belongs to: ".../node_modules/@types/react/x.d.ts" → "react". */
export function packageOfPath(path: string): string | undefined {
  const parts = path.split('/')
  const at = parts.lastIndexOf('node_modules')
  if (at < 0) return undefined
  const first = parts[at + 1]
  if (!first) return undefined
  const name = first.startsWith('@') ? `${first}/${parts[at + 2] ?? ''}` : first
  return name.startsWith('@types/') ? name.slice('@types/'.length) : name
}

const KEEP_MANIFEST_FIELDS = [
  'name',
  'version',
  'type',
  'types',
  'typings',
  'main',
  'module',
  'exports',
  'typesVersions',
]

function trimManifest(text: string): string {
  const manifest = JSON.parse(text) as Record<string, unknown>
  const kept: Record<string, unknown> = {}
  for (const field of KEEP_MANIFEST_FIELDS) if (field in manifest) kept[field] = manifest[field]
  return JSON.stringify(kept)
}

/**
 * Resolves every entry of every spec with TypeScript and returns one TypePackage per spec
 * (files grouped by the package they belong to; stand-ins replace oversized packages).
 */
export function collectTypeDefinitions(root: string, specs: TypePackageSpec[]): TypeDefinitions {
  const nodeModules = join(root, 'node_modules')
  const toVirtual = (path: string) => `file:///${relative(root, path).split(sep).join('/')}`
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // No `jsx` option: it would make every program import react/jsx-runtime.
    types: [],
    noLib: true, // the editor ships TypeScript's own lib files
    noEmit: true,
    skipLibCheck: true,
  }
  const entryFile = join(root, '__course_sandbox_types__.ts')
  const host = ts.createCompilerHost(options)
  const manifestsRead = new Set<string>()
  const baseReadFile = host.readFile.bind(host)
  host.readFile = (fileName) => {
    if (fileName === entryFile) return entryText
    const text = baseReadFile(fileName)
    if (text !== undefined && fileName.endsWith('/package.json') && fileName.startsWith(nodeModules))
      manifestsRead.add(fileName)
    return text
  }
  const baseFileExists = host.fileExists.bind(host)
  host.fileExists = (fileName) => fileName === entryFile || baseFileExists(fileName)
  const baseGetSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    fileName === entryFile
      ? ts.createSourceFile(fileName, entryText, languageVersion)
      : baseGetSourceFile(fileName, languageVersion, onError, shouldCreate)

  const unresolved: string[] = []
  const byPackage = new Map<string, Map<string, string>>()
  const needs: Record<string, string[]> = {}
  let entryText = ''

  for (const spec of specs) {
    entryText = spec.entries
      .map((entry) => `import type * as _${Math.random().toString(36).slice(2)} from '${entry}'`)
      .join('\n')
    manifestsRead.clear()
    const program = ts.createProgram({ rootNames: [entryFile], options, host })
    const entrySource = program.getSourceFile(entryFile)
    for (const entry of spec.entries) {
      const resolved = ts.resolveModuleName(entry, entryFile, options, host).resolvedModule
      if (!resolved) unresolved.push(entry)
    }
    if (!entrySource) throw new Error('type collection: the entry file was not created')
    const needed = new Set<string>()

    const add = (path: string, text: string) => {
      const owner = packageOfPath(path)
      if (!owner) return
      const standIn = STAND_INS[owner]
      if (standIn === null) return
      const files = byPackage.get(owner) ?? new Map<string, string>()
      byPackage.set(owner, files)
      files.set(toVirtual(path), standIn !== undefined && !path.endsWith('package.json') ? standIn : text)
      needed.add(owner)
    }
    for (const file of program.getSourceFiles()) {
      if (file.fileName === entryFile || !file.fileName.startsWith(nodeModules)) continue
      add(file.fileName, file.text)
    }
    for (const manifest of manifestsRead) add(manifest, trimManifest(readFileSync(manifest, 'utf8')))
    for (const entry of spec.entries) {
      const importRoot = packageOfPath(`node_modules/${entry}`) ?? entry
      needs[importRoot] = [...new Set([...(needs[importRoot] ?? []), ...needed])].sort()
    }
  }
  if (unresolved.length)
    throw new Error(
      `type collection: TypeScript could not resolve ${unresolved.join(', ')} from node_modules`,
    )

  // Packages reached only as dependencies (csstype, …) are packages of their own, loaded once
  // however many import roots need them.
  const packages = [...byPackage.entries()].map(([name, files]) => ({
    name,
    files: Object.fromEntries([...files.entries()].sort(([a], [b]) => a.localeCompare(b))),
  }))
  return { packages, needs }
}
