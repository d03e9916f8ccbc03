/**
 * Builds the files the sandbox origin serves (part of `npm run build`), into `<DIST_DIR>-sandbox/`
 * (`dist-sandbox/` by default) or the folder given as the first argument:
 *
 *   runner.html, runner-<hash>.js   the runner page the course embeds (src/sandbox/runner/runner.ts)
 *   worker-<hash>.js                the module Worker that runs a learner app
 *   sw.js                           the Service Worker that relays preview requests (stable URL)
 *   preview-boot.js                 installs the Service Worker when a preview loads without it
 *   vendor/<specifier>-<hash>.js    hono and its browser-usable subpaths, zod, @hono/zod-validator,
 *                                   openai, react, react-dom… as ESM, one build with shared chunks so
 *                                   `hono` and `hono/cors` share one Hono, react and react-dom one React
 *   vendor/manifest.json            specifier → URL, also compiled into the runner
 *   db-worker-<hash>.js             the Worker that runs a sandbox's PGlite (src/sandbox/runner/db-worker.ts)
 *   pglite/<file>-<hash>.<ext>      PGlite's Postgres (pglite.wasm, initdb.wasm, pglite.data), fetched by
 *                                   the runner only when an app imports @electric-sql/pglite
 *   pglite/pgdata-<hash>.tar        a data directory made by this PGlite's initdb, run here under Node:
 *                                   a new sandbox database is unpacked from it instead of running
 *                                   initdb in the browser (seconds). Same package, same wasm, so the
 *                                   same files the browser's initdb would write.
 *
 * Then it writes .br/.gz next to each file (scripts/precompress.ts).
 */
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { build } from 'esbuild'
import { init as initLexer, parse as parseModule } from 'es-module-lexer'
import { distDir, sandboxDistDir } from '../api/config.ts'
import { HASH_LENGTH } from '../src/shared/sandbox-file-names.ts'
import {
  honoGroupOf,
  honoSubpaths,
  VENDOR_GROUPS,
  VENDORED_PACKAGES,
  type VendorGroup,
} from '../src/sandbox/vendor/vendored.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

export interface SandboxOriginBuild {
  outDir: string
  /** Bare specifier → URL path of its vendored file, e.g. "hono" → "/vendor/hono-AB12CD34.js". */
  vendor: Record<string, string>
  /** URL path → the URL paths it imports statically (for payload figures). */
  imports: Record<string, string[]>
  runner: string
  worker: string
  /** The DB worker and PGlite's Postgres files (URL paths). */
  pglite: { worker: string; wasm: string; initdb: string; data: string; pgdata: string }
}

export interface BuildOptions {
  outDir: string
  minify?: boolean
  /** Skip writing .br/.gz (the dev server serves files as they are). */
  precompress?: boolean
  log?: (line: string) => void
}

interface VendorEntry {
  specifier: string
  group: VendorGroup
  /** What esbuild bundles: the package specifier, or the path of its browser shim. */
  input: string
  commonjs: boolean
}

function vendorEntries(): VendorEntry[] {
  return [
    ...['hono', ...honoSubpaths(root)].map((specifier) => ({
      specifier,
      group: honoGroupOf(specifier),
      input: specifier,
      commonjs: false,
    })),
    ...VENDORED_PACKAGES.map((p) => ({
      specifier: p.specifier,
      group: p.group,
      input: p.shim ? join(root, 'src/sandbox/vendor', p.shim) : p.specifier,
      commonjs: p.commonjs ?? false,
    })),
  ]
}

const BROWSER = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
} as const

/**
 * Each entry's export names. ES modules: from a throwaway build's metafile. CommonJS (react):
 * from Node's require, since a CommonJS module only has a default export once bundled.
 */
async function exportNames(entries: VendorEntry[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>()
  const esm = entries.filter((e) => !e.commonjs)
  const probe = await build({
    ...BROWSER,
    entryPoints: Object.fromEntries(esm.map((e, i) => [`e${i}`, e.input])),
    splitting: true,
    outdir: join(root, '.vendor-probe'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  esm.forEach((e, i) =>
    names.set(e.specifier, probe.metafile.outputs[`.vendor-probe/e${i}.js`]?.exports ?? []),
  )
  for (const e of entries.filter((x) => x.commonjs)) {
    const mod = require(e.specifier) as Record<string, unknown>
    names.set(e.specifier, [
      'default',
      ...Object.keys(mod).filter(
        (n) => n !== 'default' && n !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(n),
      ),
    ])
  }
  return names
}

/** HASH_LENGTH characters of [A-Z2-7] from the content's SHA-256: the same shape as esbuild's hashes. */
export function contentHash(content: string): string {
  const bytes = createHash('sha256').update(content).digest()
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let out = ''
  for (let i = 0; i < HASH_LENGTH; i++) out += alphabet[bytes[i]! % 32]
  return out
}

/**
 * The vendored packages: one bundle per group (`vendor/groups/hono-<hash>.js`) exporting every
 * entry's exports under unique aliases, and one tiny facade per specifier
 * (`vendor/hono/cors-<hash>.js`: `export { e3$cors as cors } from '/vendor/groups/hono-….js'`).
 * A fresh worker importing hono and hono/cors fetches three small files, not dozens of chunks.
 */
async function buildVendor(outDir: string, minify: boolean) {
  await initLexer()
  const entries = vendorEntries()
  const names = await exportNames(entries)
  const vendor: Record<string, string> = {}
  const imports: Record<string, string[]> = {}
  const write = (url: string, content: string) => {
    mkdirSync(dirname(join(outDir, url)), { recursive: true })
    writeFileSync(join(outDir, url), content)
  }

  for (const group of VENDOR_GROUPS) {
    const members = entries.filter((e) => e.group === group)
    const alias = (i: number, name: string) => `e${i}$${name}`
    const barrel = members
      .map(
        (e, i) =>
          `export { ${names
            .get(e.specifier)!
            .map((n) => `${n} as ${alias(i, n)}`)
            .join(', ')} } from ${JSON.stringify(e.input)};`,
      )
      .join('\n')
    // Packages of other groups stay imports, pointed at their facades below. Matched exactly:
    // esbuild's `external: ['hono']` would also take every hono/* subpath out of this group.
    const external = new Set(entries.filter((e) => e.group !== group).map((e) => e.specifier))
    const result = await build({
      ...BROWSER,
      stdin: { contents: barrel, resolveDir: root, sourcefile: `vendor-${group}.js` },
      plugins: [
        {
          name: 'other-groups',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              external.has(args.path) ? { path: args.path, external: true } : undefined,
            )
          },
        },
      ],
      minify,
      legalComments: 'eof',
      write: false,
    })
    let code = result.outputFiles[0]!.text
    const deps: string[] = []
    for (const imp of [...parseModule(code)[0]].reverse()) {
      if (!imp.specifier) continue
      const target = vendor[imp.specifier]
      if (!target)
        throw new Error(`vendor group ${group} imports ${imp.specifier}, which no earlier group provides`)
      deps.push(target)
      code =
        code.slice(0, imp.start) +
        (imp.type === 'dynamic' ? JSON.stringify(target) : target) +
        code.slice(imp.end)
    }
    const groupUrl = `/vendor/groups/${group}-${contentHash(code)}.js`
    write(groupUrl, code)
    imports[groupUrl] = deps

    members.forEach((e, i) => {
      const facade = `export { ${names
        .get(e.specifier)!
        .map((n) => `${alias(i, n)} as ${n}`)
        .join(', ')} } from ${JSON.stringify(groupUrl)};\n`
      const url = `/vendor/${e.specifier}-${contentHash(facade)}.js`
      write(url, facade)
      vendor[e.specifier] = url
      imports[url] = [groupUrl]
    })
  }
  return { vendor, imports }
}

/** Node built-ins PGlite imports only when it runs under Node (never in the DB worker). */
const NODE_ONLY = [
  'fs',
  'path',
  'zlib',
  'stream',
  'stream/promises',
  'module',
  'url',
  'crypto',
  'os',
  'util',
  'child_process',
  'worker_threads',
  'node:*',
]

/** PGlite's Postgres files, copied under content-hashed names (they are cached for a year). */
function copyPgliteAssets(outDir: string) {
  const dist = join(dirname(require.resolve('@electric-sql/pglite')), '.')
  const copy = (file: string) => {
    const bytes = readFileSync(join(dist, file))
    const dot = file.lastIndexOf('.')
    const url = `/pglite/${file.slice(0, dot)}-${contentHash(bytes.toString('base64'))}${file.slice(dot)}`
    mkdirSync(join(outDir, 'pglite'), { recursive: true })
    copyFileSync(join(dist, file), join(outDir, url))
    return url
  }
  return { wasm: copy('pglite.wasm'), initdb: copy('initdb.wasm'), data: copy('pglite.data') }
}

/**
 * `pglite/pgdata-<hash>.tar`: PGlite's initdb result for its version, made once under Node and
 * kept in node_modules/.cache (initdb takes 5–15 s here; the same bytes also keep the file's
 * hash, and so browsers' cached copy, from changing at every build).
 */
async function buildPgdata(outDir: string): Promise<string> {
  const pkg = JSON.parse(
    readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '../package.json'), 'utf8'),
  ) as { version: string }
  const cache = join(root, 'node_modules/.cache/course-pglite', `pgdata-${pkg.version}.tar`)
  if (!existsSync(cache)) {
    const { PGlite } = await import('@electric-sql/pglite')
    const pg = await PGlite.create()
    const tar = new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer())
    await pg.close()
    mkdirSync(dirname(cache), { recursive: true })
    writeFileSync(cache, tar)
  }
  const bytes = readFileSync(cache)
  const url = `/pglite/pgdata-${contentHash(bytes.toString('base64'))}.tar`
  mkdirSync(join(outDir, 'pglite'), { recursive: true })
  copyFileSync(cache, join(outDir, url))
  return url
}

async function buildScript(
  entry: string,
  outDir: string,
  name: string,
  minify: boolean,
  define: Record<string, string> = {},
) {
  const result = await build({
    external: name === 'db-worker' ? NODE_ONLY : [],
    absWorkingDir: root,
    entryPoints: { [name]: join(root, entry) },
    bundle: true,
    // The runner loads its transpiler as a chunk (import()), in parallel with the worker; the
    // DB worker keeps PGlite's Node-only file systems (import('./fs/nodefs.js') → fs) as chunks
    // it never loads, instead of hoisting their `import "fs"` into its own code.
    splitting: name === 'runner' || name === 'db-worker',
    chunkNames: `${name}-chunk-[hash]`,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    entryNames: name === 'sw' || name === 'preview-boot' ? '[name]' : '[name]-[hash]',
    minify,
    metafile: true,
    legalComments: 'eof',
    define,
    logLevel: 'warning',
  })
  const url = (file: string) => `/${relative(outDir, resolve(root, file)).split('\\').join('/')}`
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'))
  const entryFile = outputs.find(([, o]) => o.entryPoint)![0]
  return { url: url(entryFile), chunks: outputs.filter(([f]) => f !== entryFile).map(([f]) => url(f)) }
}

export async function buildSandboxOrigin(options: BuildOptions): Promise<SandboxOriginBuild> {
  const outDir = resolve(options.outDir)
  const minify = options.minify ?? true
  const log = options.log ?? console.log
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })

  const { vendor, imports } = await buildVendor(outDir, minify)
  writeFileSync(join(outDir, 'vendor/manifest.json'), `${JSON.stringify(vendor, null, 2)}\n`)

  const { url: worker } = await buildScript('src/sandbox/runner/app-worker.ts', outDir, 'worker', minify)
  const { url: dbWorker } = await buildScript('src/sandbox/runner/db-worker.ts', outDir, 'db-worker', minify)
  const pglite = { worker: dbWorker, ...copyPgliteAssets(outDir), pgdata: await buildPgdata(outDir) }
  const { url: runner, chunks: runnerChunks } = await buildScript(
    'src/sandbox/runner/runner.ts',
    outDir,
    'runner',
    minify,
    {
      __APP_WORKER_URL__: JSON.stringify(worker),
      __VENDOR_MANIFEST__: JSON.stringify(vendor),
      __PGLITE_ASSETS__: JSON.stringify(pglite),
    },
  )
  await buildScript('src/sandbox/runner/service-worker.ts', outDir, 'sw', minify)
  await buildScript('src/sandbox/runner/preview-boot.ts', outDir, 'preview-boot', minify)
  // The chunks are fetched with the entry, not one after another as their imports are discovered.
  const preloads = runnerChunks.map((c) => `<link rel="modulepreload" href="${c}">\n`).join('')
  writeFileSync(
    join(outDir, 'runner.html'),
    `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>Sandbox runner</title>\n<script type="module" src="${runner}"></script>\n${preloads}</html>\n`,
  )
  const info: SandboxOriginBuild = { outDir, vendor, imports, runner, worker, pglite }
  writeFileSync(
    join(outDir, 'sandbox-origin.json'),
    `${JSON.stringify({ ...info, outDir: undefined }, null, 2)}\n`,
  )

  const gz = (url: string) => gzipSync(readFileSync(join(outDir, url))).length / 1024
  log(
    `sandbox origin: ${Object.keys(vendor).length} vendored specifiers → ${relative(process.cwd(), outDir) || outDir}/ ` +
      `(runner ${readdirSync(outDir)
        .filter((f) => /^runner-.*\.js$/.test(f))
        .reduce((sum, f) => sum + gz(`/${f}`), 0)
        .toFixed(0)} KB gz, worker ${gz(worker).toFixed(1)} KB gz, hono ${transitive(imports, vendor.hono!)
        .reduce((s, u) => s + gz(u), 0)
        .toFixed(1)} KB gz)`,
  )

  if (options.precompress ?? true) {
    const result = spawnSync(process.execPath, [join(root, 'scripts/precompress.ts'), outDir], {
      stdio: 'inherit',
    })
    if (result.status !== 0) throw new Error('precompress failed for the sandbox origin')
  }
  return info
}

/** A module and everything it imports statically. */
export function transitive(
  imports: Record<string, string[]>,
  url: string,
  seen = new Set<string>(),
): string[] {
  if (seen.has(url)) return []
  seen.add(url)
  for (const dep of imports[url] ?? []) transitive(imports, dep, seen)
  return [...seen]
}

if (import.meta.main) {
  const outDir = process.argv[2] ?? sandboxDistDir(distDir())
  buildSandboxOrigin({ outDir }).catch((err: Error) => {
    console.error(`Building the sandbox origin failed: ${err.message}`)
    process.exit(1)
  })
}
