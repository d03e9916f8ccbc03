/**
 * The learner's module graph, from `src/app.ts` outwards: each file transpiled, its bare
 * imports (`hono`, `zod`…) rewritten to the vendored files' URLs — import maps do not apply
 * inside workers — and its relative imports (`./db`, `../data.json`) resolved to other files
 * of the sandbox. Linking then turns each module into a URL (a blob: URL in the worker),
 * dependencies first, splicing those URLs into the importers. Pure code (runner page,
 * worker and Node tests).
 */
import { init, parse } from 'es-module-lexer'
import type { ModuleLink, PreparedModule } from './module-link.ts'
import type { SandboxFiles } from './runtime.ts'
import { isModulePath, SandboxCodeError, transpileModule } from './transpile.ts'

export type { ModuleLink, PreparedModule }
export { SandboxCodeError }

export interface ModuleGraph {
  entry: string
  /** Dependencies before the modules that import them; the entry last. */
  modules: PreparedModule[]
  /** Vendored URLs the graph imports (preloaded by the next worker). */
  vendorUrls: string[]
  /** Per file: milliseconds spent transpiling + analysing, for files not in the cache. */
  transpileMs: Record<string, number>
  cached: string[]
}

/** Maps a bare specifier (`hono/cors`) to the URL of its vendored file, or undefined. */
export type VendorResolver = (specifier: string) => string | undefined

interface AnalysedImport {
  start: number
  end: number
  specifier: string
  quoted: boolean
}

interface Analysed {
  code: string
  relative: AnalysedImport[]
  vendorUrls: string[]
}

/** Transpiled + analysed files by path and source, so an unchanged file costs nothing on re-run. */
export class TranspileCache {
  #entries = new Map<string, Analysed>()
  get(path: string, source: string): Analysed | undefined {
    return this.#entries.get(`${path}\0${source}`)
  }
  set(path: string, source: string, value: Analysed) {
    if (this.#entries.size > 500) this.#entries.clear()
    this.#entries.set(`${path}\0${source}`, value)
  }
}

export const ENTRY_CANDIDATES = ['src/app.ts', 'src/app.tsx', 'src/app.js', 'src/app.jsx']

const NODE_BUILTINS = new Set(
  'assert buffer child_process cluster crypto dgram dns events fs http http2 https module net os path perf_hooks process querystring readline stream string_decoder timers tls tty url util v8 vm worker_threads zlib'.split(
    ' ',
  ),
)

export interface GraphOptions {
  resolveBare: VendorResolver
  /** Names listed in "not available" messages, e.g. "hono, zod, openai". */
  availablePackages?: string
  cache?: TranspileCache
  entry?: string
  now?: () => number
}

export async function buildModuleGraph(files: SandboxFiles, options: GraphOptions): Promise<ModuleGraph> {
  await init()
  const entry = options.entry ?? ENTRY_CANDIDATES.find((p) => files[p] !== undefined)
  if (!entry || files[entry] === undefined) {
    throw new SandboxCodeError(
      'There is no src/app.ts: the app must be built in src/app.ts and `export default app`.',
      'src/app.ts',
    )
  }
  const now = options.now ?? (() => performance.now())
  const modules: PreparedModule[] = []
  const vendorUrls = new Set<string>()
  const transpileMs: Record<string, number> = {}
  const cached: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()

  const visit = (path: string, importer?: { path: string; code: string; at: number }) => {
    const seen = state.get(path)
    if (seen === 'done') return
    if (seen === 'visiting') {
      throw codeError(
        `Circular import: ${importer!.path} imports ${path}, which (directly or not) imports ${importer!.path}. ` +
          'The browser runtime cannot link circular imports: move the shared code into a third file.',
        importer!,
      )
    }
    state.set(path, 'visiting')
    const source = files[path]!
    let analysed = options.cache?.get(path, source)
    if (analysed) cached.push(path)
    else {
      const t0 = now()
      analysed = analyse(path, source, options)
      transpileMs[path] = now() - t0
      options.cache?.set(path, source, analysed)
    }
    for (const url of analysed.vendorUrls) vendorUrls.add(url)
    const links: ModuleLink[] = []
    for (const imp of analysed.relative) {
      const target = resolveRelative(path, imp.specifier, files)
      const site = { path, code: analysed.code, at: imp.start }
      if (typeof target !== 'string') throw codeError(target.problem, site)
      visit(target, site)
      links.push({ start: imp.start, end: imp.end, path: target, quoted: imp.quoted })
    }
    modules.push({ path, code: analysed.code, links })
    state.set(path, 'done')
  }

  visit(entry)
  return { entry, modules, vendorUrls: [...vendorUrls], transpileMs, cached }
}

/** Transpiles one file and rewrites its bare imports; relative imports are kept for linking. */
function analyse(path: string, source: string, options: GraphOptions): Analysed {
  const code = transpileModule(path, source)
  let imports
  try {
    imports = parse(code, path)[0]
  } catch (err) {
    const idx = (err as { idx?: number }).idx
    throw codeError(`SyntaxError: ${(err as Error).message.replace(/^Parse error [^:]*:\s*/, '')}`, {
      path,
      code,
      at: idx ?? 0,
    })
  }
  let out = ''
  let last = 0
  const relative: AnalysedImport[] = []
  const vendorUrls: string[] = []
  for (const imp of imports) {
    if (imp.type === 'import-meta' || imp.specifier === undefined) continue
    const specifier = imp.specifier
    const quoted = imp.type === 'dynamic'
    // Everything JSON becomes a JavaScript module, so `with { type: 'json' }` must go (blanked, to keep columns).
    const attributesEnd = imp.type !== 'dynamic' && imp.attributesStart >= 0 ? imp.importEnd : -1
    if (/^(\.\.?\/|\.\.?$)/.test(specifier)) {
      out += code.slice(last, imp.start)
      relative.push({ start: out.length, end: out.length + (imp.end - imp.start), specifier, quoted })
      out += code.slice(imp.start, imp.end)
      last = imp.end
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) && !specifier.startsWith('node:')) {
      continue // https:, data:, blob: URLs load as they are
    } else {
      const url = options.resolveBare(specifier)
      if (!url)
        throw codeError(unavailable(specifier, options.availablePackages), { path, code, at: imp.start })
      vendorUrls.push(url)
      out += code.slice(last, imp.start) + (quoted ? JSON.stringify(url) : url)
      last = imp.end
    }
    if (attributesEnd > 0) {
      // Keep the closing quote, blank ` with { type: 'json' }`.
      out += code.slice(last, imp.end + 1) + code.slice(imp.end + 1, attributesEnd).replace(/[^\n]/g, ' ')
      last = attributesEnd
    }
  }
  out += code.slice(last)
  return { code: out, relative, vendorUrls }
}

function unavailable(
  specifier: string,
  available = 'hono, zod, @hono/zod-validator, openai, react, react-dom',
): string {
  const name = specifier.replace(/^node:/, '').split('/')[0]!
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(name)) {
    return `"${specifier}" is a Node.js module, and this app runs in the browser runtime, which has no Node APIs. Use web APIs (fetch, Request, crypto.subtle…) or run the sandbox in the WebContainer runtime.`
  }
  return `The package "${specifier}" is not available in the browser runtime, which can import: ${available}.`
}

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.json']

/** Resolves `./x` from `src/app.ts` the way TypeScript's bundler resolution does. */
export function resolveRelative(
  from: string,
  specifier: string,
  files: SandboxFiles,
): string | { problem: string } {
  const parts = from.split('/').slice(0, -1)
  for (const segment of specifier.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return { problem: `"${specifier}" points outside the sandbox` }
      parts.pop()
    } else parts.push(segment)
  }
  const base = parts.join('/')
  const candidates = [base]
  // TypeScript lets `./db.js` name `./db.ts`.
  const js = /\.(m?)js(x?)$/.exec(base)
  if (js) {
    const stem = base.slice(0, js.index)
    candidates.push(js[1] ? `${stem}.mts` : js[2] ? `${stem}.tsx` : `${stem}.ts`, `${stem}.tsx`)
  }
  for (const ext of RESOLVE_EXTENSIONS) candidates.push(base + ext)
  for (const ext of RESOLVE_EXTENSIONS) candidates.push(`${base}/index${ext}`)
  const found = candidates.find((c) => files[c] !== undefined)
  if (found === undefined)
    return { problem: `Cannot find "${specifier}" (looked for ${base}.ts, ${base}.js, ${base}/index.ts…)` }
  if (!isModulePath(found)) {
    return {
      problem: `"${specifier}" is ${found}, which cannot be imported as a module: only .ts, .tsx, .js, .jsx and .json files can. Serve other files from public/ instead.`,
    }
  }
  return found
}

function codeError(message: string, site: { path: string; code: string; at: number }): SandboxCodeError {
  const before = site.code.slice(0, site.at)
  const line = before.split('\n').length
  const column = site.at - before.lastIndexOf('\n')
  return new SandboxCodeError(message, site.path, line, column)
}
