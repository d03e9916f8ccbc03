/**
 * Which lesson pages host a WebContainer sandbox, and so need cross-origin isolation: a
 * lesson that embeds (by `<Sandbox name>` tag or frontmatter `sandboxes`) a sandbox whose
 * sandbox.json lists "webcontainer" among its runtimes. Derived from the sources at build
 * time and written into the build as a manifest the production server reads at start-up;
 * `astro dev` derives it on each request, so a new lesson needs no restart. Node only.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AstroIntegration } from 'astro'
import { parse as parseYaml } from 'yaml'
import { findSandboxTags } from '../src/course/sandbox-loader.ts'
import { splitFrontmatter } from '../src/course/validate-content.ts'
import { ASSET_HEADERS, ISOLATION_HEADERS, ISOLATION_MANIFEST, normalisePagePath } from './isolation-headers.ts'

export interface PageSources {
  lessonsDir?: string
  sandboxesDir?: string
}

function runtimesOf(sandboxesDir: string, name: string): string[] {
  try {
    const config = JSON.parse(readFileSync(join(sandboxesDir, name, 'sandbox.json'), 'utf8')) as { runtimes?: unknown }
    return Array.isArray(config.runtimes) ? config.runtimes.filter((r): r is string => typeof r === 'string') : []
  } catch {
    return [] // a missing or broken sandbox.json fails the build elsewhere, with its own message
  }
}

function sandboxesOf(source: string): string[] {
  const { yaml, body } = splitFrontmatter(source)
  const names = new Set(findSandboxTags(body).map((tag) => tag.name))
  try {
    const data = yaml ? (parseYaml(yaml) as { sandboxes?: unknown }) : undefined
    if (Array.isArray(data?.sandboxes)) for (const name of data.sandboxes) if (typeof name === 'string') names.add(name)
  } catch {
    // invalid YAML fails the content check and the build with a better message
  }
  return [...names]
}

/** Page paths such as "/lessons/03-web-and-application-servers/04-node-servers-in-the-browser/", sorted. */
export function findWebContainerPages({ lessonsDir = 'content/lessons', sandboxesDir = 'sandboxes' }: PageSources = {}): string[] {
  if (!existsSync(lessonsDir)) return []
  const pages: string[] = []
  const runtimes = new Map<string, string[]>()
  for (const topic of readdirSync(lessonsDir).sort()) {
    const topicDir = join(lessonsDir, topic)
    if (!statSync(topicDir).isDirectory()) continue
    for (const file of readdirSync(topicDir).sort()) {
      if (!file.endsWith('.mdx')) continue
      const names = sandboxesOf(readFileSync(join(topicDir, file), 'utf8'))
      const needsIsolation = names.some((name) => {
        if (!runtimes.has(name)) runtimes.set(name, runtimesOf(sandboxesDir, name))
        return runtimes.get(name)!.includes('webcontainer')
      })
      // The same URL scheme as src/course/course.ts: /lessons/<topic folder>/<file name>/.
      if (needsIsolation) pages.push(`/lessons/${topic}/${file.replace(/\.mdx$/, '')}/`)
    }
  }
  return pages
}

export function writeIsolationManifest(outDir: string, pages: string[]): string {
  const file = join(outDir, ISOLATION_MANIFEST)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify({ pages }, null, 2)}\n`)
  return file
}

/**
 * The Astro side: `astro build` writes the manifest into the output folder; `astro dev` sends
 * the isolation headers on WebContainer lesson pages (re-derived per request) and the asset
 * headers on files, like the production server.
 */
export function webContainerIsolation(sources: PageSources = {}): AstroIntegration {
  return {
    name: 'webcontainer-isolation',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '/').split('?')[0]!
          if (path === '/api' || path.startsWith('/api/')) return next()
          if (path.startsWith('/lessons/') && findWebContainerPages(sources).includes(normalisePagePath(path))) {
            for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value)
          } else if (/\.[a-z0-9]+$/i.test(path) && !path.endsWith('.html')) {
            for (const [name, value] of Object.entries(ASSET_HEADERS)) res.setHeader(name, value)
          }
          next()
        })
      },
      'astro:build:done': ({ dir, logger }) => {
        const pages = findWebContainerPages(sources)
        const file = writeIsolationManifest(fileURLToPath(dir), pages)
        logger.info(`${pages.length} WebContainer lesson page(s) get cross-origin isolation (${file}).`)
      },
    },
  }
}
