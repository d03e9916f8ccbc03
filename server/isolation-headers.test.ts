import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { WEBCONTAINER_COEP as BOOT_COEP } from '../src/sandbox/webcontainer/boot.ts'
import {
  allowWebContainerFrames,
  ISOLATION_MANIFEST,
  normalisePagePath,
  readIsolationManifest,
  WEBCONTAINER_COEP,
} from './isolation-headers.ts'
import { createSite } from './site.ts'
import { findWebContainerPages, writeIsolationManifest } from './webcontainer-pages.ts'

const NODE_PAGE = '/lessons/03-servers/02-node-servers/'
const PLAIN_PAGE = '/lessons/01-intro/01-hello/'

function write(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

let site: ReturnType<typeof createSite>

beforeAll(() => {
  const dist = mkdtempSync(join(tmpdir(), 'isolation-dist-'))
  write(join(dist, 'index.html'), '<!doctype html><title>Home</title>')
  write(join(dist, '404.html'), '<!doctype html><title>Not found</title>')
  write(join(dist, NODE_PAGE, 'index.html'), '<!doctype html><title>Node servers</title>')
  write(join(dist, PLAIN_PAGE, 'index.html'), '<!doctype html><title>Hello</title>')
  write(join(dist, '_astro', 'sandbox.abc123.js'), 'export const x = 1')
  write(join(dist, '_astro', 'editor.worker.def456.js'), 'self.onmessage = () => {}')
  write(join(dist, '_astro', 'site.abc123.css'), 'body{}')
  write(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeIsolationManifest(dist, [NODE_PAGE])
  site = createSite({ distDir: dist })
})

describe('cross-origin isolation on the production site', () => {
  it('isolates a WebContainer lesson page, with or without the trailing slash', async () => {
    for (const path of [NODE_PAGE, NODE_PAGE.slice(0, -1), `${NODE_PAGE}index.html`]) {
      const res = await site.request(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin')
      expect(res.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp')
    }
  })

  it('lets that page frame StackBlitz (the boot frame) and *.webcontainer-api.io (previews), and keeps the rest of the CSP', async () => {
    const csp = (await site.request(NODE_PAGE)).headers.get('content-security-policy')!
    const frameSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('frame-src'))!
    expect(frameSrc.split(' ')).toEqual(
      expect.arrayContaining(["'self'", 'https://stackblitz.com', 'https://*.webcontainer-api.io']),
    )
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'self'")
  })

  it('leaves every other page alone: no COEP, the default COOP, no StackBlitz frames', async () => {
    for (const path of ['/', PLAIN_PAGE, '/no-such-page']) {
      const res = await site.request(path)
      expect(res.headers.get('cross-origin-embedder-policy'), path).toBeNull()
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin-allow-popups')
      expect(res.headers.get('content-security-policy'), path).not.toContain('stackblitz')
    }
  })

  it('marks static files loadable from isolated documents (CORP) and usable as worker scripts there (COEP)', async () => {
    for (const path of [
      '/_astro/sandbox.abc123.js',
      '/_astro/editor.worker.def456.js',
      '/_astro/site.abc123.css',
      '/favicon.svg',
    ]) {
      const res = await site.request(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin')
      expect(res.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp')
    }
  })

  it('adds nothing to the API, which has its own CORS rules', async () => {
    const res = await site.request('/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('cross-origin-resource-policy')).toBeNull()
    expect(res.headers.get('cross-origin-embedder-policy')).toBeNull()
  })

  it('isolates nothing when the build has no manifest', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'isolation-none-'))
    write(join(dist, 'index.html'), '<!doctype html>')
    write(join(dist, '404.html'), '<!doctype html>')
    expect(readIsolationManifest(dist)).toEqual([])
    const res = await createSite({ distDir: dist }).request('/')
    expect(res.headers.get('cross-origin-embedder-policy')).toBeNull()
  })

  it('refuses a corrupt manifest with a message that says to rebuild', () => {
    const dist = mkdtempSync(join(tmpdir(), 'isolation-bad-'))
    write(join(dist, ISOLATION_MANIFEST), JSON.stringify({ pages: ['lessons/no-slash'] }))
    expect(() => readIsolationManifest(dist)).toThrow(/npm run build/)
  })

  it('uses the same COEP as the WebContainer boot', () => {
    expect(WEBCONTAINER_COEP).toBe(BOOT_COEP)
  })
})

describe('allowWebContainerFrames', () => {
  it('extends frame-src once, or derives it from default-src', () => {
    const once = allowWebContainerFrames("default-src 'self'; frame-src 'self' http://127.0.0.1:4322")
    expect(allowWebContainerFrames(once)).toBe(once)
    expect(once).toContain("frame-src 'self' http://127.0.0.1:4322 https://stackblitz.com")
    expect(allowWebContainerFrames("default-src 'self'")).toBe(
      "default-src 'self'; frame-src 'self' https://stackblitz.com https://*.stackblitz.com https://*.webcontainer-api.io",
    )
  })

  it('treats the forms of a page path as one page', () => {
    expect(new Set(['/a/b', '/a/b/', '/a/b/index.html', '/a/b.html'].map(normalisePagePath))).toEqual(
      new Set(['/a/b/']),
    )
  })
})

describe('findWebContainerPages', () => {
  it('lists lessons whose frontmatter names a sandbox supporting the WebContainer runtime', () => {
    const root = mkdtempSync(join(tmpdir(), 'isolation-src-'))
    const lessons = join(root, 'lessons')
    const sandboxes = join(root, 'sandboxes')
    const sandbox = (name: string, runtimes: string[]) =>
      write(join(sandboxes, name, 'sandbox.json'), JSON.stringify({ runtimes }))
    sandbox('hello-hono', ['worker'])
    sandbox('node-env-config', ['webcontainer'])
    sandbox('hello-node-server', ['webcontainer', 'worker'])
    sandbox('switchable', ['worker', 'webcontainer'])
    sandbox('broken', [])
    write(join(sandboxes, 'garbage', 'sandbox.json'), '{')

    const lesson = (file: string, frontmatter: string, body: string) =>
      write(join(lessons, file), `---\ntitle: T\n${frontmatter}---\n\n${body}\n`)
    lesson('01-intro/01-hello.mdx', 'sandboxes: [hello-hono]\n', '<Sandbox name="hello-hono" />')
    lesson('01-intro/02-no-sandbox.mdx', '', 'Just text about <code>WebContainer</code>.')
    lesson(
      '03-servers/02-node.mdx',
      'sandboxes: [node-env-config]\n',
      'Intro\n\n<Sandbox name="node-env-config" />',
    )
    // A tag missing from the frontmatter fails the build (sandbox-tags-plugin), so it is not read here.
    lesson('03-servers/03-tag-only.mdx', '', "<Sandbox name='hello-node-server' />")
    lesson('03-servers/04-frontmatter-only.mdx', 'sandboxes:\n  - switchable\n', 'text')
    lesson(
      '03-servers/05-unknown.mdx',
      'sandboxes: [missing, garbage, broken]\n',
      '<Sandbox name="missing" />',
    )
    write(join(lessons, '03-servers', 'topic.json'), '{}')

    expect(findWebContainerPages({ lessonsDir: lessons, sandboxesDir: sandboxes })).toEqual([
      '/lessons/03-servers/02-node/',
      '/lessons/03-servers/04-frontmatter-only/',
    ])
    expect(findWebContainerPages({ lessonsDir: join(root, 'nope'), sandboxesDir: sandboxes })).toEqual([])
  })
})
