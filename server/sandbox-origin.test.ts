import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, readSandboxConfig, sandboxOriginWarnings } from '../api/config.ts'
import { createSandboxOrigin, sandboxFrameOrigins } from './sandbox-origin.ts'

let dir: string

beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'sandbox-origin-')), 'dist-sandbox')
  mkdirSync(join(dir, 'vendor/react-dom'), { recursive: true })
  writeFileSync(
    join(dir, 'runner.html'),
    '<!doctype html><script type="module" src="/runner-ABCDEFGH.js"></script>',
  )
  writeFileSync(join(dir, 'runner-ABCDEFGH.js'), 'console.log(1)')
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(dir, 'worker-ABCDEFGH.js'), 'onmessage = () => {}')
  writeFileSync(join(dir, 'vendor/react-dom/client-ZYXWVUTS.js'), 'export {}')
  writeFileSync(
    join(dir, 'vendor/manifest.json'),
    JSON.stringify({ 'react-dom/client': '/vendor/react-dom/client-ZYXWVUTS.js' }),
  )
})

const courseOrigins = ['http://127.0.0.1:4321', 'http://localhost:4321']

describe('the sandbox origin server', () => {
  it('serves the runner only to course pages (frame-ancestors), never cached stale', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    const res = await app.request('/runner.html')
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain('frame-ancestors http://127.0.0.1:4321 http://localhost:4321')
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('origin-agent-cluster')).toBe('?1')
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp')
  })

  it('caches content-hashed files for a year and the service worker not at all', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    expect((await app.request('/runner-ABCDEFGH.js')).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    )
    const worker = await app.request('/worker-ABCDEFGH.js')
    expect(worker.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(worker.headers.get('cross-origin-embedder-policy')).toBe('require-corp')
    const sw = await app.request('/sw.js')
    expect(sw.status).toBe(200)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
  })

  it('redirects stable vendor names (for import maps) to the hashed files', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    const res = await app.request('/vendor/react-dom/client.js')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/vendor/react-dom/client-ZYXWVUTS.js')
    expect((await app.request('/vendor/left-pad.js')).status).toBe(404)
  })

  it('answers previews that no Service Worker caught with a page that installs it', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    const res = await app.request('/preview/session-1/')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('<script src="/preview-boot.js">')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('sends links that leave a preview back under its prefix', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    const headers = { referer: 'http://localhost/preview/s1/index.html', 'sec-fetch-mode': 'navigate' }
    const res = await app.request('http://localhost/about?x=1', { headers })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/preview/s1/about?x=1')
    expect(
      (await app.request('http://localhost/about', { headers: { ...headers, 'sec-fetch-mode': 'cors' } }))
        .status,
    ).toBe(404)
    expect(
      (
        await app.request('http://localhost/about', {
          headers: { ...headers, referer: 'http://elsewhere/preview/s1/' },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await app.request('http://localhost/about', {
          headers: { ...headers, referer: 'http://localhost/runner.html' },
        })
      ).status,
    ).toBe(404)
  })

  it('serves nothing but its own folder', async () => {
    const app = createSandboxOrigin({ dir, courseOrigins })
    expect((await app.request('/../package.json')).status).toBe(404)
    expect((await app.request('/api/health')).status).toBe(404)
    expect((await app.request('/runner.html', { method: 'POST' })).status).toBe(404)
  })

  it('says how to build when the files are missing', async () => {
    const app = createSandboxOrigin({ dir: join(dir, 'nope'), courseOrigins })
    const res = await app.request('/runner.html')
    expect(res.status).toBe(503)
    expect(await res.text()).toMatch(/run "npm run build"/)
  })
})

describe('which sandbox origins the course may frame', () => {
  it('SANDBOX_ORIGIN when set', () => {
    expect(sandboxFrameOrigins({ port: 4322, origin: 'https://sandbox.example' })).toEqual([
      'https://sandbox.example',
    ])
  })

  it('otherwise the loopback names (and HOST) on SANDBOX_PORT', () => {
    expect(sandboxFrameOrigins({ port: 4322 })).toEqual(['http://127.0.0.1:4322', 'http://localhost:4322'])
    expect(sandboxFrameOrigins({ port: 4322 }, 'course.lan')).toEqual([
      'http://127.0.0.1:4322',
      'http://localhost:4322',
      'http://course.lan:4322',
    ])
  })
})

describe('readSandboxConfig', () => {
  const course = { port: 4321, host: '127.0.0.1', distDir: 'dist' }

  it('lets loopback share a host name (one developer), and warns about public setups', () => {
    expect(readSandboxConfig({ SANDBOX_ORIGIN: 'http://localhost:9999' }, course).origin).toBe(
      'http://localhost:9999',
    )
    expect(sandboxOriginWarnings(readSandboxConfig({}, course), '127.0.0.1')).toEqual([])
    expect(sandboxOriginWarnings(readSandboxConfig({}, course), '0.0.0.0')).toEqual([
      expect.stringMatching(/SANDBOX_ORIGIN is not set and HOST \(0.0.0.0\) is not loopback/),
    ])
    const subdomain = readSandboxConfig(
      { SANDBOX_ORIGIN: 'https://sandbox.course.example', COURSE_ORIGIN: 'https://course.example' },
      course,
    )
    expect(sandboxOriginWarnings(subdomain, '0.0.0.0')).toEqual([
      expect.stringMatching(/shares the domain course.example/),
    ])
    const separate = readSandboxConfig(
      { SANDBOX_ORIGIN: 'https://course-sandbox.example.net', COURSE_ORIGIN: 'https://course.example' },
      course,
    )
    expect(sandboxOriginWarnings(separate, '0.0.0.0')).toEqual([])
  })

  it('defaults: the next port, the loopback course origins, 5 s, dist-sandbox', () => {
    expect(readSandboxConfig({}, course)).toEqual({
      port: 4322,
      origin: undefined,
      courseOrigins: ['http://127.0.0.1:4321', 'http://localhost:4321'],
      routedByHost: false,
      timeoutMs: 5000,
      distDir: 'dist-sandbox',
    })
  })

  it('reads every variable', () => {
    const config = readSandboxConfig(
      {
        SANDBOX_PORT: '9000',
        SANDBOX_ORIGIN: 'https://sandbox.example/',
        COURSE_ORIGIN: 'https://course.example, https://www.course.example',
        SANDBOX_TIMEOUT_MS: '1500',
      },
      { ...course, distDir: '/srv/dist/' },
    )
    expect(config).toEqual({
      port: 9000,
      origin: 'https://sandbox.example',
      courseOrigins: ['https://course.example', 'https://www.course.example'],
      routedByHost: true,
      timeoutMs: 1500,
      distDir: '/srv/dist-sandbox',
    })
  })

  it('one port, routed by Host, only when SANDBOX_ORIGIN names a host of its own', () => {
    const routed = (env: Record<string, string>) => readSandboxConfig(env, course).routedByHost
    expect(
      routed({ SANDBOX_ORIGIN: 'https://sandbox.course.example', COURSE_ORIGIN: 'https://course.example' }),
    ).toBe(true)
    expect(routed({ SANDBOX_ORIGIN: 'http://sandbox.localhost:4321' })).toBe(true)
    // A loopback name: a second port, as without SANDBOX_ORIGIN. (The course's own host name
    // on another port is refused outside loopback: cookies ignore ports.)
    expect(routed({ SANDBOX_ORIGIN: 'http://localhost:4322' })).toBe(false)
    expect(routed({})).toBe(false)
    // SANDBOX_PORT may equal PORT then: it is not used.
    expect(routed({ SANDBOX_ORIGIN: 'http://sandbox.localhost:4321', SANDBOX_PORT: '4321' })).toBe(true)
  })

  it.each([
    [{ SANDBOX_PORT: '4321' }, /SANDBOX_PORT must differ/],
    [{ SANDBOX_PORT: '4321', SANDBOX_ORIGIN: 'http://localhost:9999' }, /SANDBOX_PORT must differ/],
    [{ SANDBOX_PORT: 'x' }, /SANDBOX_PORT must be a whole number/],
    [{ SANDBOX_ORIGIN: 'sandbox.example' }, /SANDBOX_ORIGIN must be a URL/],
    [
      { SANDBOX_ORIGIN: 'https://sandbox.example/app' },
      /SANDBOX_ORIGIN must be an http\(s\) origin with no path/,
    ],
    [{ SANDBOX_ORIGIN: 'http://localhost:4321' }, /must not be a course origin/],
    [
      { SANDBOX_ORIGIN: 'https://course.example:8443', COURSE_ORIGIN: 'https://course.example' },
      /same host name as the course .*cookies ignore ports/,
    ],
    [{ COURSE_ORIGIN: 'ftp://course' }, /COURSE_ORIGIN must be an http\(s\) origin/],
    [{ SANDBOX_TIMEOUT_MS: '5s' }, /SANDBOX_TIMEOUT_MS must be a whole number of milliseconds/],
    [{ SANDBOX_TIMEOUT_MS: '10' }, /between 100 and 120000/],
  ])('refuses %o', (env, message) => {
    expect(() => readSandboxConfig(env, course)).toThrow(ConfigError)
    expect(() => readSandboxConfig(env, course)).toThrow(message)
  })
})
