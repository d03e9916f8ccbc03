/**
 * Which lesson pages host a WebContainer sandbox, and so need cross-origin isolation: a
 * lesson whose frontmatter `sandboxes:` names a sandbox whose sandbox.json lists "webcontainer"
 * among its runtimes (the build's sandbox-tags plugin keeps that list equal to the lesson's
 * `<Sandbox>` tags, so the MDX need not be parsed here). Derived from the sources at build
 * time and written into the build as a manifest the production server reads at start-up;
 * `astro dev` derives it on each request, so a new lesson needs no restart. Node only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AstroIntegration } from 'astro'
import { lessonFiles, lessonHref, lessonsDir as defaultLessonsDir } from '../src/course/lesson-paths.ts'
import { readFrontmatter } from '../src/course/validate-content.ts'
import {
  ASSET_HEADERS,
  ISOLATION_HEADERS,
  ISOLATION_MANIFEST,
  normalisePagePath,
} from './isolation-headers.ts'

export interface PageSources {
  lessonsDir?: string
  sandboxesDir?: string
}

function runtimesOf(sandboxesDir: string, name: string): string[] {
  try {
    const config = JSON.parse(readFileSync(join(sandboxesDir, name, 'sandbox.json'), 'utf8')) as {
      runtimes?: unknown
    }
    return Array.isArray(config.runtimes)
      ? config.runtimes.filter((r): r is string => typeof r === 'string')
      : []
  } catch {
    return [] // a missing or broken sandbox.json fails the build elsewhere, with its own message
  }
}

function sandboxesOf(source: string): string[] {
  const listed = (readFrontmatter(source) as { sandboxes?: unknown } | undefined)?.sandboxes
  return Array.isArray(listed) ? listed.filter((name): name is string => typeof name === 'string') : []
}

/** Page paths such as "/lessons/03-web-and-application-servers/04-node-servers-in-the-browser/", sorted. */
export function findWebContainerPages({
  lessonsDir = defaultLessonsDir(),
  sandboxesDir = 'sandboxes',
}: PageSources = {}): string[] {
  const runtimes = new Map<string, string[]>()
  const needsIsolation = (name: string) => {
    if (!runtimes.has(name)) runtimes.set(name, runtimesOf(sandboxesDir, name))
    return runtimes.get(name)!.includes('webcontainer')
  }
  return lessonFiles(lessonsDir)
    .filter((lesson) => sandboxesOf(readFileSync(lesson.path, 'utf8')).some(needsIsolation))
    .map((lesson) => lessonHref(lesson.id))
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
          if (
            path.startsWith('/lessons/') &&
            findWebContainerPages(sources).includes(normalisePagePath(path))
          ) {
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
