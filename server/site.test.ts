import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSite } from './site.ts'

let app: ReturnType<typeof createSite>
let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'site-test-'))
  const dist = join(root, 'dist')
  mkdirSync(join(dist, '_astro'), { recursive: true })
  mkdirSync(join(dist, 'lessons', 'intro'), { recursive: true })
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Home</title><script>window.x=1</script>')
  writeFileSync(
    join(dist, '404.html'),
    '<!doctype html><title>Not found</title><h1>This page does not exist</h1>',
  )
  writeFileSync(join(dist, 'lessons', 'intro', 'index.html'), '<!doctype html><title>Intro</title>')
  const js = 'console.log("hello");'.repeat(200)
  writeFileSync(join(dist, '_astro', 'page.abc123.js'), js)
  writeFileSync(join(dist, '_astro', 'page.abc123.js.gz'), gzipSync(js))
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(join(dist, 'lessons', 'intro.md'), '# Intro\n\n“Quotes” survive.\n')
  // The search index's files as Pagefind names them (scripts/build-search-index.ts).
  for (const dir of ['index', 'fragment']) mkdirSync(join(dist, 'pagefind', dir), { recursive: true })
  const binary = gzipSync('pagefind')
  for (const file of [
    'pagefind.en_1a2b3c.pf_meta',
    'index/en_4d5e6f.pf_index',
    'fragment/en_7a8b9c.pf_fragment',
    'wasm.en.pagefind',
  ])
    writeFileSync(join(dist, 'pagefind', file), binary)
  writeFileSync(join(dist, 'pagefind', 'pagefind-entry.json'), '{"version":"1.6.0"}')
  writeFileSync(join(dist, 'pagefind', 'pagefind.js'), 'export const x = 1')
  // A secret next to dist/ that traversal must never reach.
  writeFileSync(join(root, 'secret.txt'), 'do not serve')
  app = createSite({ distDir: dist })
})

describe('production site', () => {
  it('serves pages with revalidation and security headers', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("frame-ancestors 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("worker-src 'self' blob:")
    // The inline script is allowed by hash, never by 'unsafe-inline'.
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    // WebAssembly for the search may be compiled; eval() stays forbidden.
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/)
  })

  it('serves a lesson folder through its index.html, with or without the trailing slash', async () => {
    for (const path of ['/lessons/intro/', '/lessons/intro']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('<title>Intro</title>')
    }
  })

  it('gives hashed assets long immutable caching and precompressed bodies', async () => {
    const res = await app.request('/_astro/page.abc123.js', { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('content-type')).toMatch(/javascript/)
  })

  it('gives other static files a short cache', async () => {
    const res = await app.request('/favicon.svg')
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it('serves the search index: hashed chunks immutable, entry, script and WebAssembly revalidated, binaries as bytes', async () => {
    const expected: [string, string, RegExp][] = [
      [
        '/pagefind/pagefind.en_1a2b3c.pf_meta',
        'public, max-age=31536000, immutable',
        /^application\/octet-stream$/,
      ],
      [
        '/pagefind/index/en_4d5e6f.pf_index',
        'public, max-age=31536000, immutable',
        /^application\/octet-stream$/,
      ],
      [
        '/pagefind/fragment/en_7a8b9c.pf_fragment',
        'public, max-age=31536000, immutable',
        /^application\/octet-stream$/,
      ],
      ['/pagefind/wasm.en.pagefind', 'no-cache', /^application\/octet-stream$/],
      ['/pagefind/pagefind-entry.json', 'no-cache', /^application\/json/],
      ['/pagefind/pagefind.js', 'no-cache', /^text\/javascript/],
    ]
    for (const [path, cache, type] of expected) {
      const res = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, br' } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe(cache)
      expect(res.headers.get('content-type'), path).toMatch(type)
      // Already gzip inside: served as stored, never re-encoded.
      if (type.source.includes('octet')) {
        expect(res.headers.get('content-encoding'), path).toBeNull()
        expect(Buffer.from(await res.arrayBuffer()).equals(gzipSync('pagefind')), path).toBe(true)
      }
    }
  })

  it("serves a lesson's Markdown as UTF-8 text/markdown, revalidated like its page", async () => {
    const res = await app.request('/lessons/intro.md')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('“Quotes” survive.')
  })

  it('answers unknown paths with the 404 page and status 404', async () => {
    const res = await app.request('/no/such/page')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(await res.text()).toContain('This page does not exist')
  })

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/lessons/../../secret.txt',
    '/lessons/%2e%2e/%2e%2e/secret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '//secret.txt',
    '/lessons//..//..//secret.txt',
  ])('never serves a file outside dist/ for %s', async (path) => {
    // app.request would normalise a URL; build the raw request so the path reaches the server as sent.
    const res = await app.fetch(new Request(`http://localhost${path}`))
    const body = await res.text()
    expect(body).not.toContain('do not serve')
    expect(res.status).toBe(404)
  })

  it('mounts the API at /api with health and OpenAI-shaped 404s', async () => {
    const health = await app.request('/api/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) })
    const missing = await app.request('/api/nope')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      error: {
        message: expect.stringContaining('/api/nope'),
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      },
    })
  })

  it('serves /api/runtime-config with the security headers of every course response', async () => {
    const res = await app.request('http://127.0.0.1:4321/api/runtime-config')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.json()).toMatchObject({ sandboxOrigin: 'http://127.0.0.1:4322' })
  })

  it('compresses the metrics text under /api, not the small JSON answers', async () => {
    const gzip = { 'Accept-Encoding': 'gzip, br' }
    const chat = await app.request('/api/openai/v1/chat/completions', {
      method: 'POST',
      headers: { ...gzip, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] }),
    })
    expect(chat.status).toBe(200)
    expect(chat.headers.get('content-encoding')).toBeNull()
    expect(((await chat.json()) as { object: string }).object).toBe('chat.completion')
    const token = 'metrics-token-0123456789'
    const withMetrics = createSite({ distDir: join(root, 'dist'), env: { METRICS_TOKEN: token } })
    const metrics = await withMetrics.request('/api/metrics', {
      headers: { ...gzip, Authorization: `Bearer ${token}` },
    })
    expect(metrics.status).toBe(200)
    expect(metrics.headers.get('content-encoding')).toBe('gzip')
  })

  it('refuses to start without a built site, saying what to run', () => {
    expect(() => createSite({ distDir: join(root, 'missing') })).toThrow(/npm run build/)
  })
})
