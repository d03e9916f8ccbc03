/**
 * The static recipe against the real build (DIST_DIR, made by `npm run build` before the unit
 * tests): a CDN that applies the generated `_headers` the way Netlify and Cloudflare Pages do
 * (every matching rule, `*` as a splat) sends each file exactly the headers `npm start` sends,
 * and never gets one header from two rules.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { distDir as builtDir, sandboxDistDir } from '../api/config.ts'
import { createMetrics } from '../api/metrics/metrics.ts'
import { createSandboxOrigin } from '../server/sandbox-origin.ts'
import { createSite } from '../server/site.ts'
import { PER_RESPONSE, staticDeploy, urlOf, type StaticDeploy } from './static-deploy.ts'

const distDir = resolve(builtDir())
const COURSE = 'https://course.example'
const SANDBOX = 'https://sandbox.course.example'
let out: StaticDeploy

beforeAll(async () => {
  out = await staticDeploy({
    distDir,
    courseOrigin: COURSE,
    sandboxOrigin: SANDBOX,
    apiOrigin: 'https://api.course.example',
  })
})

/** What a CDN sends for `url` from a `_headers` file; throws if two rules set one header. */
function cdnHeaders(file: string, url: string): Map<string, string> {
  const headers = new Map<string, string>()
  let matches = false
  for (const line of file.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    if (!line.startsWith(' ')) {
      const pattern = new RegExp(
        `^${line
          .trim()
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replaceAll('*', '.*')}$`,
      )
      matches = pattern.test(url)
      continue
    }
    if (!matches) continue
    const [name, ...value] = line.trim().split(': ')
    if (headers.has(name!)) throw new Error(`${url}: ${name} is set by two rules (a CDN would join them)`)
    headers.set(name!, value.join(': '))
  }
  return headers
}

async function compare(
  app: { request(u: string): Response | Promise<Response> },
  origin: string,
  dir: string,
  headersFile: string,
) {
  let checked = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name) || entry.name.startsWith('_')) continue
    const url = urlOf(dir, join(entry.parentPath, entry.name))
    const res = await app.request(`${origin}${url}`)
    const node = new Map([...res.headers].filter(([n]) => !PER_RESPONSE.has(n)))
    expect(Object.fromEntries(cdnHeaders(headersFile, url)), url).toEqual(Object.fromEntries(node))
    checked++
  }
  return checked
}

describe('static deployment: _headers and _redirects', () => {
  it('gives every course page and file the headers the Node server sends', async () => {
    const site = createSite({ distDir, env: {}, frameOrigins: [SANDBOX], metrics: createMetrics() })
    expect(await compare(site, COURSE, distDir, out.course.headers)).toBeGreaterThan(10)
    const home = cdnHeaders(out.course.headers, '/')
    expect(home.get('content-security-policy')).toContain(`frame-src 'self' ${SANDBOX}`)
    expect(cdnHeaders(out.course.headers, '/_astro/x-ABC.js').get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    )
  })

  it('gives the sandbox origin its headers: the runner framed only by the course, isolation on every file', async () => {
    const sandbox = createSandboxOrigin({ dir: sandboxDistDir(distDir), courseOrigins: [COURSE] })
    expect(await compare(sandbox, SANDBOX, sandboxDistDir(distDir), out.sandbox.headers)).toBeGreaterThan(10)
    const runner = cdnHeaders(out.sandbox.headers, '/runner.html')
    expect(runner.get('content-security-policy')).toContain(`frame-ancestors ${COURSE}`)
    expect(runner.get('origin-agent-cluster')).toBe('?1')
    expect(cdnHeaders(out.sandbox.headers, '/preview/abc/index.html').get('cache-control')).toBe('no-store')
  })

  it('forwards /api/* to the Node API, previews to their start page, vendored names to hashed files', () => {
    expect(out.course.redirects).toContain('/api/*  https://api.course.example/api/:splat  200')
    expect(out.sandbox.redirects).toContain('/preview/*  /preview-fallback.html  200')
    expect(out.sandbox.previewFallback).toContain('<script src="/preview-boot.js"></script>')
    const manifest = JSON.parse(
      readFileSync(join(sandboxDistDir(distDir), 'vendor/manifest.json'), 'utf8'),
    ) as Record<string, string>
    for (const [name, target] of Object.entries(manifest)) {
      expect(out.sandbox.redirects).toContain(`/vendor/${name}.js  ${target}  302`)
    }
  })
})
