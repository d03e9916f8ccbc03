// Under Node only: serves React to the page at the same /vendor/… URLs the course's browser
// runtime serves, by bundling it with esbuild once at start-up (what a dev server such as Vite
// does). React is published as CommonJS, so each entry lists React's named exports.
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import { Hono } from 'hono'

const require = createRequire(import.meta.url)

export async function vendorRoutes(specifiers: string[]) {
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
  const files = new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/vendor/')), f.text]))
  const routes = new Hono()
  routes.get('/vendor/*', (c) => {
    const file = files.get(c.req.path)
    return file === undefined
      ? c.notFound()
      : c.body(file, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
  return routes
}
