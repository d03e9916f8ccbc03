// Under Node only (`npm run dev` here, or in a WebContainer): what a dev server such as Vite
// does for the page, so the files in public/ are written the way people write React. The
// course's browser runtime does the same by itself; there this file is not used.
//
// - /vendor/react.js, /vendor/react-dom/client.js…: browser builds of the packages, bundled
//   with esbuild once at start-up. React is published as CommonJS, so each entry lists its
//   named exports.
// - A module the page loads as .jsx/.tsx/.ts is transpiled on the way (sucrase: types and JSX
//   only, every line stays where it was), with React's automatic JSX runtime.
// - An HTML page gets an import map for those packages, unless it has one of its own.
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import type { MiddlewareHandler } from 'hono'
import { transform } from 'sucrase'

const require = createRequire(import.meta.url)

async function bundle(specifiers: string[]): Promise<Map<string, string>> {
  const entries: Record<string, string> = {}
  for (const specifier of specifiers) {
    const names = Object.keys(require(specifier)).filter(
      (n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default',
    )
    entries[specifier] =
      `import m from '${specifier}'; export default m; export const { ${names.join(', ')} } = m;`
  }
  const result = await build({
    entryPoints: Object.keys(entries).map((specifier) => ({ in: `entry:${specifier}`, out: specifier })),
    plugins: [
      {
        name: 'entries',
        setup(b) {
          b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice(6), namespace: 'entry' }))
          b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({
            contents: entries[args.path],
            resolveDir: process.cwd(),
          }))
        },
      },
    ],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'vendor',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/vendor/')), f.text]))
}

const CLIENT_MODULE = /\.(?:jsx|tsx|ts|mts)$/i
const HAS_IMPORT_MAP = /<script\b[^>]*\btype\s*=\s*["']?importmap\b/i

function transformsFor(path: string): ('typescript' | 'jsx')[] {
  if (/\.tsx$/i.test(path)) return ['typescript', 'jsx']
  if (/\.m?ts$/i.test(path)) return ['typescript']
  return ['jsx']
}

export function injectImportMap(html: string, imports: Record<string, string>): string {
  if (HAS_IMPORT_MAP.test(html.replace(/<!--[\s\S]*?-->/g, ''))) return html
  const tag = `<script type="importmap">${JSON.stringify({ imports })}</script>`
  const head = /<head\b[^>]*>/i.exec(html)
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length)
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
  return doctype ? doctype[0] + tag + html.slice(doctype[0].length) : tag + html
}

export async function devAssets(specifiers: string[]): Promise<MiddlewareHandler> {
  const files = await bundle(specifiers)
  const imports = Object.fromEntries([...specifiers].sort().map((s) => [s, `/vendor/${s}.js`]))
  return async function devAssets(c, next) {
    if (c.req.path.startsWith('/vendor/')) {
      const file = files.get(c.req.path)
      return file === undefined
        ? c.notFound()
        : c.body(file, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
    }
    await next()
    if (c.res.status < 200 || c.res.status >= 300) return
    const type = c.res.headers.get('content-type') ?? ''
    if (/^text\/html\b/i.test(type)) {
      const html = await c.res.text()
      c.res = new Response(injectImportMap(html, imports), c.res)
      c.res.headers.delete('content-length')
    } else if (CLIENT_MODULE.test(c.req.path)) {
      const source = await c.res.text()
      const file = `public${c.req.path}`
      let code: string
      let status = 200
      try {
        code = transform(source, {
          transforms: transformsFor(file),
          filePath: file,
          jsxRuntime: 'automatic',
          jsxImportSource: 'react',
          production: true,
          disableESTransforms: true,
        }).code
      } catch (err) {
        // "Unexpected token (3:5)": the line and column in the learner's file.
        const e = err as Error & { loc?: { line: number; column: number } }
        const where = e.loc ? `${file}:${e.loc.line}:${e.loc.column}` : file
        const message = e.message.replace(/^Error transforming [^:]+: /, '').replace(/ \(\d+:\d+\)$/, '')
        console.error(`${where}: SyntaxError: ${message}`)
        code = `throw new SyntaxError(${JSON.stringify(`${where}: ${message}`)})\n`
        status = 500
      }
      c.res = new Response(code, { status, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } })
      // Hono copies the old response's headers onto the new one: the old length would cut the code short.
      c.res.headers.delete('content-length')
    }
  }
}
