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
 *
 * Then it writes .br/.gz next to each file (scripts/precompress.ts).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import { sandboxDistDir } from '../api/config.ts'
import { HONO_SUBPATHS_LEFT_OUT, VENDORED_PACKAGES } from '../src/sandbox/vendor/vendored.ts'

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
}

export interface BuildOptions {
  outDir: string
  minify?: boolean
  /** Skip writing .br/.gz (the dev server serves files as they are). */
  precompress?: boolean
  log?: (line: string) => void
}

/** `hono/*` specifiers from hono's package.json, minus adapters for other runtimes. */
export function honoSubpaths(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/hono/package.json'), 'utf8')) as { exports: Record<string, unknown> }
  return Object.keys(pkg.exports)
    .filter((key) => key !== '.' && key !== './package.json')
    .map((key) => `hono/${key.slice(2)}`)
    .filter((specifier) => !HONO_SUBPATHS_LEFT_OUT.has(specifier) && !specifier.includes('*'))
}

/**
 * CommonJS packages (react, react-dom) only have a default export once bundled as ESM; list
 * their named exports so `import { useState } from 'react'` works in the browser.
 */
function commonJsEntry(specifier: string): string {
  const mod = require(specifier) as Record<string, unknown>
  const names = Object.keys(mod).filter((n) => n !== 'default' && n !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(n))
  return `import mod from ${JSON.stringify(specifier)};\nexport default mod;\nexport const { ${names.join(', ')} } = mod;\n`
}

function vendorEntriesPlugin(): Plugin {
  return {
    name: 'vendor-entries',
    setup(b) {
      b.onResolve({ filter: /^vendor-entry:/ }, (args) => ({ path: args.path.slice('vendor-entry:'.length), namespace: 'vendor-entry' }))
      b.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, (args) => ({ contents: commonJsEntry(args.path), resolveDir: root, loader: 'js' }))
    },
  }
}

const HASHED = /-[A-Z0-9]{8}\.js$/

async function buildVendor(outDir: string, minify: boolean) {
  const entryPoints: Record<string, string> = {}
  for (const specifier of ['hono', ...honoSubpaths()]) entryPoints[`vendor/${specifier}`] = specifier
  for (const pkg of VENDORED_PACKAGES) {
    entryPoints[`vendor/${pkg.specifier}`] = pkg.shim
      ? join(root, 'src/sandbox/vendor', pkg.shim)
      : pkg.commonjs
        ? `vendor-entry:${pkg.specifier}`
        : pkg.specifier
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    entryNames: '[dir]/[name]-[hash]',
    chunkNames: 'vendor/chunks/[hash]',
    minify,
    metafile: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [vendorEntriesPlugin()],
    logLevel: 'warning',
  })
  const vendor: Record<string, string> = {}
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const path = relative(outDir, resolve(root, file)).split('\\').join('/')
    if (!output.entryPoint || !HASHED.test(path)) continue
    const specifier = path.replace(/^vendor\//, '').replace(HASHED, '')
    if (entryPoints[`vendor/${specifier}`]) vendor[specifier] = `/${path}`
  }
  return { vendor, metafile: result.metafile }
}

function importsOf(metafile: Metafile, outDir: string): Record<string, string[]> {
  const urlOf = (file: string) => `/${relative(outDir, resolve(root, file)).split('\\').join('/')}`
  const imports: Record<string, string[]> = {}
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue
    imports[urlOf(file)] = output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => urlOf(i.path))
  }
  return imports
}

async function buildScript(entry: string, outDir: string, name: string, minify: boolean, define: Record<string, string> = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [name]: join(root, entry) },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    entryNames: name === 'sw' || name === 'preview-boot' ? '[name]' : '[name]-[hash]',
    minify,
    metafile: true,
    legalComments: 'linked',
    define,
    logLevel: 'warning',
  })
  const file = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'))!
  return `/${relative(outDir, resolve(root, file)).split('\\').join('/')}`
}

export async function buildSandboxOrigin(options: BuildOptions): Promise<SandboxOriginBuild> {
  const outDir = resolve(options.outDir)
  const minify = options.minify ?? true
  const log = options.log ?? console.log
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })

  const { vendor, metafile } = await buildVendor(outDir, minify)
  writeFileSync(join(outDir, 'vendor/manifest.json'), `${JSON.stringify(vendor, null, 2)}\n`)

  const worker = await buildScript('src/sandbox/runner/app-worker.ts', outDir, 'worker', minify)
  const runner = await buildScript('src/sandbox/runner/runner.ts', outDir, 'runner', minify, {
    __APP_WORKER_URL__: JSON.stringify(worker),
    __VENDOR_MANIFEST__: JSON.stringify(vendor),
  })
  await buildScript('src/sandbox/runner/service-worker.ts', outDir, 'sw', minify)
  await buildScript('src/sandbox/runner/preview-boot.ts', outDir, 'preview-boot', minify)
  writeFileSync(
    join(outDir, 'runner.html'),
    `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>Sandbox runner</title>\n<script type="module" src="${runner}"></script>\n</html>\n`,
  )
  const imports = importsOf(metafile, outDir)
  const info: SandboxOriginBuild = { outDir, vendor, imports, runner, worker }
  writeFileSync(join(outDir, 'sandbox-origin.json'), `${JSON.stringify({ ...info, outDir: undefined }, null, 2)}\n`)

  const gz = (url: string) => gzipSync(readFileSync(join(outDir, url))).length / 1024
  log(
    `sandbox origin: ${Object.keys(vendor).length} vendored specifiers → ${relative(process.cwd(), outDir) || outDir}/ ` +
      `(runner ${gz(runner).toFixed(0)} KB gz, worker ${gz(worker).toFixed(1)} KB gz, hono ${transitive(imports, vendor.hono!).reduce((s, u) => s + gz(u), 0).toFixed(1)} KB gz)`,
  )

  if (options.precompress ?? true) {
    const result = spawnSync(process.execPath, [join(root, 'scripts/precompress.ts'), outDir], { stdio: 'inherit' })
    if (result.status !== 0) throw new Error('precompress failed for the sandbox origin')
  }
  return info
}

/** A module and everything it imports statically. */
export function transitive(imports: Record<string, string[]>, url: string, seen = new Set<string>()): string[] {
  if (seen.has(url)) return []
  seen.add(url)
  for (const dep of imports[url] ?? []) transitive(imports, dep, seen)
  return [...seen]
}

if (import.meta.main) {
  const outDir = process.argv[2] ?? sandboxDistDir(process.env.DIST_DIR || 'dist')
  buildSandboxOrigin({ outDir }).catch((err: Error) => {
    console.error(`Building the sandbox origin failed: ${err.message}`)
    process.exit(1)
  })
}
