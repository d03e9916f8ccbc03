/**
 * Lesson completion, shared with the sidebar: `course.progress.v1` in localStorage is
 * `{ [lessonPath]: { completedAt } }`, and `course:progress` on window tells the page it changed.
 */

export const PROGRESS_KEY = 'course.progress.v1'

export interface LessonProgress {
  completedAt: string
}

/** "/lessons/01-x/04-y/" and "/lessons/01-x/04-y" are the same lesson; "/" stays "/". */
export function lessonPath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed
}

export function readProgress(storage: Storage): Record<string, LessonProgress> {
  try {
    const value: unknown = JSON.parse(storage.getItem(PROGRESS_KEY) ?? '{}')
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, LessonProgress>)
      : {}
  } catch {
    return {}
  }
}

/**
 * Records the lesson as completed (keeping the first completion time) and announces it.
 * Returns true when this call newly completed it.
 */
export function markLessonComplete(
  pathname: string,
  storage: Storage = localStorage,
  now = new Date(),
): boolean {
  const path = lessonPath(pathname)
  const progress = readProgress(storage)
  if (progress[path]?.completedAt) return false
  progress[path] = { completedAt: now.toISOString() }
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress))
  } catch {
    return false // storage full or disabled: the lesson still shows as passed on this page
  }
  globalThis.dispatchEvent?.(new CustomEvent('course:progress'))
  return true
}
