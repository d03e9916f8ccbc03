/**
 * `npm run bench:site`: builds the site into a temp folder and prints the build time and the
 * JavaScript each kind of page ships before any interaction (module scripts it references,
 * their static imports, and inline scripts), gzipped.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = join(mkdtempSync(join(tmpdir(), 'bench-site-')), 'dist')
const started = performance.now()
const build = spawnSync('npm', ['run', '--silent', 'build'], {
  env: { ...process.env, DIST_DIR: dist },
  encoding: 'utf8',
})
const buildMs = performance.now() - started
if (build.status !== 0) {
  console.error(build.stdout, build.stderr)
  process.exit(1)
}

function jsOf(page: string) {
  const html = readFileSync(join(dist, page), 'utf8')
  const seen = new Set<string>()
  let raw = 0
  let gz = 0
  const visit = (src: string) => {
    if (seen.has(src)) return
    seen.add(src)
    const file = join(dist, src)
    if (!existsSync(file)) return
    const code = readFileSync(file)
    raw += code.length
    gz += gzipSync(code, { level: 9 }).length
    // Static imports load before the module runs; dynamic import() is lazy and not counted.
    for (const m of code
      .toString()
      .matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]!
      if (spec.startsWith('/') || spec.startsWith('.')) visit(new URL(spec, `http://x${src}`).pathname)
    }
  }
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)) visit(m[1]!)
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    raw += Buffer.byteLength(m[1]!)
    gz += gzipSync(m[1]!, { level: 9 }).length
  }
  return { files: seen.size, raw, gz }
}

const pages = {
  home: 'index.html',
  'topic page': 'lessons/04-databases/index.html',
  'lesson (text only)': 'lessons/04-databases/01-databases-and-persistence/index.html',
  'lesson (with sandboxes)': 'lessons/01-what-is-backend/04-your-first-endpoint/index.html',
}
console.log(`build: ${(buildMs / 1000).toFixed(1)} s (astro build + sandbox assets + precompress)`)
for (const [name, page] of Object.entries(pages)) {
  if (!existsSync(join(dist, page))) continue
  const js = jsOf(page)
  console.log(
    `${name.padEnd(26)} JS before interaction: ${(js.gz / 1024).toFixed(1)} KB gz (${(js.raw / 1024).toFixed(1)} KB raw, ${js.files} files)`,
  )
}
