/**
 * Where lessons live and the URLs they get: one place for the build (content.config.ts,
 * course.ts), `check:content` and the server's list of WebContainer pages. Safe in Node and
 * in Astro (no astro:content import here).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The lessons folder: COURSE_CONTENT_DIR (the build tests point it at fixtures), else content/lessons. */
export function lessonsDir(env: Record<string, string | undefined> = process.env): string {
  return env.COURSE_CONTENT_DIR || 'content/lessons'
}

/** A topic's page: /lessons/<topic folder>/. */
export function topicHref(topicId: string): string {
  return `/lessons/${topicId}/`
}

/** A lesson's page from its id, "<topic folder>/<file name without .mdx>": /lessons/<id>/. */
export function lessonHref(lessonId: string): string {
  return `/lessons/${lessonId}/`
}

export interface LessonFile {
  /** "<topic folder>/<file name without .mdx>", as the content collection names it. */
  id: string
  topicDir: string
  path: string
}

/** Every `<topic folder>/*.mdx` under `root`, sorted, the files the lessons collection loads. */
export function lessonFiles(root: string): LessonFile[] {
  if (!existsSync(root)) return []
  const files: LessonFile[] = []
  for (const topicDir of readdirSync(root).sort()) {
    const dir = join(root, topicDir)
    if (!statSync(dir).isDirectory()) continue
    for (const file of readdirSync(dir).sort())
      if (file.endsWith('.mdx'))
        files.push({ id: `${topicDir}/${file.replace(/\.mdx$/, '')}`, topicDir, path: join(dir, file) })
  }
  return files
}
