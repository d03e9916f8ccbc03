/**
 * The full-text search index of the built site (Pagefind), written to <dist>/pagefind/ after
 * `astro build` and before precompress. Only lesson pages are indexed: they alone carry
 * `data-pagefind-body` (src/pages/lessons/[topic]/[lesson].astro), so home, topic, test and
 * 404 pages stay out. Page chrome that is not lesson content (sandbox toolbars and output
 * panes, quiz buttons, navigation) is left out here, in one list, rather than marked in each
 * component. The search UI (src/components/search/) loads the index only when it is opened.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
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
  // A quiz question's prompt and options are lesson content; its explanations, answer key,
  // feedback and "send it to the sandbox" part are not (an excerpt must not give the answer
  // away). Nor are "Question 2" and the option letters, which would fuse with the next word.
  '.quiz-explain',
  '.quiz-key',
  '.quiz-feedback',
  '.quiz-predict',
  '.quiz-hint',
  '.quiz-number',
  '.quiz-letter',
]

/**
 * Pagefind leaves out everything inside `<form>` and `<label>` (a fixed list in its parser), and
 * each quiz question is a form whose options are labels: the index is handed each quiz question
 * with those two elements renamed, so its prompt and options are found like the lesson's prose.
 * The built page itself is not changed.
 */
export function indexableHtml(html: string): string {
  return html.replace(/<form class="quiz-question"[\s\S]*?<\/form>/g, (question) =>
    question.replace(/<(\/?)form\b/g, '<$1div').replace(/<(\/?)label\b/g, '<$1span'),
  )
}

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

/** Indexes the built site in `dist` and writes the index to <dist>/pagefind/. */
async function buildSearchIndex(dist: string): Promise<void> {
  const outputPath = join(dist, 'pagefind')

  const { index, errors } = await pagefind.createIndex({
    excludeSelectors: NOT_LESSON_CONTENT,
    forceLanguage: 'en',
  })
  if (!index) throw new Error(`pagefind: could not create the index: ${errors.join('; ')}`)
  let pages = 0
  for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue
    const path = join(entry.parentPath, entry.name)
    const added = await index.addHTMLFile({
      sourcePath: relative(dist, path),
      content: indexableHtml(readFileSync(path, 'utf8')),
    })
    if (added.errors.length) throw new Error(`pagefind: ${path}: ${added.errors.join('; ')}`)
    pages++
  }
  const written = await index.writeFiles({ outputPath })
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`)
  await pagefind.close()
  // Pagefind also writes its own ready-made UIs; the course has its own dialog, so they would only be dead weight.
  for (const file of readdirSync(outputPath)) {
    if (/^pagefind-(?:ui|modular-ui|component-ui|highlight)\./.test(file)) rmSync(join(outputPath, file))
  }

  const { files, bytes } = sizeOf(outputPath)
  console.log(
    `search index: ${pages} pages read, ${files} files, ${(bytes / 1024).toFixed(0)} KB in ${outputPath}`,
  )
}

if (import.meta.main) await buildSearchIndex(process.argv[2] ?? distDir())
