/**
 * The full-text search index of the built site (Pagefind), written to <dist>/pagefind/ after
 * `astro build` and before precompress. Only lesson pages are indexed: they alone carry
 * `data-pagefind-body` (src/pages/lessons/[topic]/[lesson].astro), so home, topic, test and
 * 404 pages stay out. Page chrome that is not lesson content (sandbox toolbars and output
 * panes, quiz buttons, navigation) is left out here, in one list, rather than marked in each
 * component. The search UI (src/components/search/) loads the index only when it is opened.
 */
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as pagefind from 'pagefind'
import { distDir } from '../api/config.ts'

/** What the index leaves out of lesson pages: controls and panels around the lesson's own words and code. */
export const NOT_LESSON_CONTENT = [
  'nav',
  'button',
  '[role="toolbar"]',
  // The lesson's "Topic 3 · Lesson 2 of 4 · 13 min" line.
  '.lesson-header .eyebrow',
  '.sbx-output-pane',
  '.sbx-notice',
  '.sbx-loading',
  '.sbx-noscript',
  '[data-announce]',
  'noscript',
  'svg',
]

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    files++
    bytes += statSync(join(entry.parentPath, entry.name)).size
  }
  return { files, bytes }
}

const dist = process.argv[2] ?? distDir()
const outputPath = join(dist, 'pagefind')

const { index, errors } = await pagefind.createIndex({
  excludeSelectors: NOT_LESSON_CONTENT,
  forceLanguage: 'en',
})
if (!index) throw new Error(`pagefind: could not create the index: ${errors.join('; ')}`)
const added = await index.addDirectory({ path: dist, glob: '**/*.html' })
if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`)
const written = await index.writeFiles({ outputPath })
if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`)
await pagefind.close()
// Pagefind also writes its own ready-made UIs; the course has its own dialog, so they would only be dead weight.
for (const file of readdirSync(outputPath)) {
  if (/^pagefind-(?:ui|modular-ui|component-ui|highlight)\./.test(file)) rmSync(join(outputPath, file))
}

const { files, bytes } = sizeOf(outputPath)
console.log(
  `search index: ${added.page_count} pages read, ${files} files, ${(bytes / 1024).toFixed(0)} KB in ${outputPath}`,
)
