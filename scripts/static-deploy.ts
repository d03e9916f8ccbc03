/**
 * `npm run build:static` (after `npm run build`): the static deployment recipe. Writes
 * `_headers` and `_redirects` (the format Netlify and Cloudflare Pages read) into dist/ and
 * dist-sandbox/, so the course and the sandbox origin can be served by a CDN while the API runs
 * on Node elsewhere (README "Deploy").
 *
 * The headers are not written down a second time: each file's are what the Node server itself
 * sends for it (createSite and createSandboxOrigin asked with app.request), so the CSP with
 * its script hashes, COOP/COEP on WebContainer pages, CORP on assets, the runner's
 * frame-ancestors and the cache rules cannot drift from `npm start`. Headers that every
 * response shares go under `/*`; the rest are listed per path (or `/_astro/*`), and no header
 * is set by two rules that match one path: CDNs join such values with commas.
 *
 *   COURSE_ORIGIN=https://course.example SANDBOX_ORIGIN=https://sandbox.course.example \
 *   API_ORIGIN=https://api.course.example npm run build:static
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  ConfigError,
  distDir as builtDir,
  readOrigin,
  readSandboxOrigin,
  sandboxDistDir,
} from '../api/config.ts'
import { createMetrics } from '../api/metrics/metrics.ts'
import { createSandboxOrigin } from '../server/sandbox-origin.ts'
import { createSite } from '../server/site.ts'

type App = { request(url: string): Response | Promise<Response> }

/** Set by the CDN or by the file itself, or different per request: never in `_headers`. */
export const PER_RESPONSE = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'vary',
  'etag',
  'last-modified',
  'date',
  'accept-ranges',
  'x-request-id',
  'location',
])

/** A built file's URL: `lessons/a/index.html` is served as `/lessons/a/`. */
export function urlOf(dir: string, file: string): string {
  const path = `/${relative(dir, file).split('\\').join('/')}`
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path
}

function files(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name) || entry.name.startsWith('_')) continue
    out.push(join(entry.parentPath, entry.name))
  }
  return out.sort()
}

async function headersOf(app: App, origin: string, url: string): Promise<Map<string, string>> {
  const res = await app.request(`${origin}${url}`)
  if (res.status >= 400)
    throw new Error(`The server answers ${url} with ${res.status}; rebuild with "npm run build".`)
  const headers = new Map<string, string>()
  res.headers.forEach((value, name) => {
    if (!PER_RESPONSE.has(name)) headers.set(name, value)
  })
  return headers
}

export interface HeaderRule {
  path: string
  headers: [string, string][]
}

/** The `_headers` rules for every file in `dir`, as `app` serves them. */
export async function headerRules(
  app: App,
  origin: string,
  dir: string,
  extraUrls: string[] = [],
): Promise<HeaderRule[]> {
  const byUrl = new Map<string, Map<string, string>>()
  for (const url of [...files(dir).map((f) => urlOf(dir, f)), ...extraUrls]) {
    byUrl.set(url, await headersOf(app, origin, url))
  }
  const all = [...byUrl.values()]
  // Same name and value on every response: one `/*` rule.
  const common = [...all[0]!].filter(([name, value]) => all.every((h) => h.get(name) === value))
  const rules: HeaderRule[] = [{ path: '/*', headers: common }]
  const own = new Map(
    [...byUrl].map(([url, h]) => [url, [...h].filter(([name]) => !common.some(([n]) => n === name))]),
  )
  const key = (headers: [string, string][]) => JSON.stringify(headers)
  // A folder whose files all have the same headers is one `/folder/*` rule (CDNs limit the
  // number of rules: Cloudflare Pages reads 100); otherwise its subfolders are tried, and its
  // own files listed one by one. Pages (`…/`) are always listed: a folder's rule would match them.
  const group = (prefix: string) => {
    const inside = [...own].filter(([url]) => url.startsWith(prefix) && url !== prefix)
    if (
      prefix !== '/' &&
      inside.length > 1 &&
      new Set(inside.map(([, h]) => key(h))).size === 1 &&
      !inside.some(([u]) => u.endsWith('/'))
    ) {
      if (inside[0]![1].length) rules.push({ path: `${prefix}*`, headers: inside[0]![1] })
      return
    }
    const subfolders = new Set<string>()
    for (const [url, headers] of inside) {
      const rest = url.slice(prefix.length)
      const slash = rest.indexOf('/')
      if (slash !== -1 && slash < rest.length - 1) subfolders.add(`${prefix}${rest.slice(0, slash + 1)}`)
      else if (headers.length) rules.push({ path: url, headers })
    }
    for (const folder of [...subfolders].sort()) group(folder)
  }
  if (own.get('/')?.length) rules.push({ path: '/', headers: own.get('/')! })
  group('/')
  return rules
}

export function formatHeaders(rules: HeaderRule[], comment: string): string {
  const body = rules.map((r) => [r.path, ...r.headers.map(([n, v]) => `  ${n}: ${v}`)].join('\n')).join('\n')
  return `# ${comment}\n# Generated by scripts/static-deploy.ts from the Node server's own headers; do not edit.\n${body}\n`
}

export interface StaticDeployOptions {
  distDir: string
  courseOrigin: string
  sandboxOrigin: string
  apiOrigin: string
}

export interface StaticDeploy {
  course: { headers: string; redirects: string }
  sandbox: { headers: string; redirects: string; previewFallback: string }
}

export async function staticDeploy(options: StaticDeployOptions): Promise<StaticDeploy> {
  const { distDir, courseOrigin, sandboxOrigin, apiOrigin } = options
  const sandboxDir = sandboxDistDir(distDir)
  const site = createSite({ distDir, env: {}, frameOrigins: [sandboxOrigin], metrics: createMetrics() })
  const sandbox = createSandboxOrigin({ dir: sandboxDir, courseOrigins: [courseOrigin] })

  // The sandbox origin's two dynamic answers become a rewrite and redirects: the preview page
  // that installs the Service Worker (the server sends it for any /preview/…), and vendored
  // packages by stable name (import maps name "/vendor/react.js") to their hashed files.
  const fallback = await sandbox.request(`${sandboxOrigin}/preview/static/`)
  const previewFallback = await fallback.text()
  const manifest = JSON.parse(readFileSync(join(sandboxDir, 'vendor/manifest.json'), 'utf8')) as Record<
    string,
    string
  >
  const sandboxRules = await headerRules(sandbox, sandboxOrigin, sandboxDir)
  const previewHeaders = [...fallback.headers].filter(([n]) => !PER_RESPONSE.has(n))
  sandboxRules.push({
    path: '/preview/*',
    headers: previewHeaders.filter(
      ([n, v]) => !sandboxRules[0]!.headers.some(([cn, cv]) => cn === n && cv === v),
    ),
  })

  return {
    course: {
      headers: formatHeaders(
        await headerRules(site, courseOrigin, distDir),
        `The course (${courseOrigin}): every page and file with the headers npm start sends.`,
      ),
      redirects: [
        '# The API runs on Node (server/server.ts); the CDN forwards /api/* to it, so pages and API stay one origin.',
        `/api/*  ${apiOrigin}/api/:splat  200`,
        '',
      ].join('\n'),
    },
    sandbox: {
      headers: formatHeaders(
        sandboxRules,
        `The sandbox origin (${sandboxOrigin}): runner, workers, vendored packages.`,
      ),
      redirects: [
        '# Previews start here until their Service Worker answers (server/sandbox-origin.ts).',
        '/preview/*  /preview-fallback.html  200',
        '# Vendored packages by stable name, for import maps in preview pages.',
        ...Object.entries(manifest).map(([specifier, target]) => `/vendor/${specifier}.js  ${target}  302`),
        '',
      ].join('\n'),
      previewFallback,
    },
  }
}

function requireOrigin(name: string): string {
  const raw = process.env[name]
  if (!raw?.trim())
    throw new ConfigError(
      `${name} is required, e.g. ${name}=https://${name === 'COURSE_ORIGIN' ? 'course' : name === 'SANDBOX_ORIGIN' ? 'sandbox.course' : 'api.course'}.example`,
    )
  return readOrigin(raw, name)
}

async function main() {
  const distDir = builtDir()
  try {
    const courseOrigin = requireOrigin('COURSE_ORIGIN')
    const sandboxOrigin = requireOrigin('SANDBOX_ORIGIN')
    const apiOrigin = requireOrigin('API_ORIGIN')
    // The same rule as the server's: sandboxes need a host of their own.
    const setting = readSandboxOrigin(process.env, { port: 4321, host: '127.0.0.1' })
    if (!setting.routedByHost)
      throw new ConfigError(
        'SANDBOX_ORIGIN must be a host of its own, such as https://sandbox.course.example.',
      )
    const out = await staticDeploy({ distDir, courseOrigin, sandboxOrigin, apiOrigin })
    const sandboxDir = sandboxDistDir(distDir)
    writeFileSync(join(distDir, '_headers'), out.course.headers)
    writeFileSync(join(distDir, '_redirects'), out.course.redirects)
    writeFileSync(join(sandboxDir, '_headers'), out.sandbox.headers)
    writeFileSync(join(sandboxDir, '_redirects'), out.sandbox.redirects)
    writeFileSync(join(sandboxDir, 'preview-fallback.html'), out.sandbox.previewFallback)
    console.log(
      `Static deploy: ${distDir}/ → ${courseOrigin}, ${sandboxDir}/ → ${sandboxOrigin}, /api/* → ${apiOrigin}`,
    )
    console.log(`Wrote _headers and _redirects in both; upload each folder to its host.`)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
}

if (import.meta.main) await main()
