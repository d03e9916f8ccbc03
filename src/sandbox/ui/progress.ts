/**
 * Lesson progress, the one reader and writer of it (sandbox checks, the quiz, the sidebar and
 * topic pages): `course.progress.v1` in localStorage is `{ [lessonPath]: LessonProgress }`, and
 * `course:progress` on window tells the page it changed. Progress stays in the browser.
 *
 * A lesson is complete when its quiz is answered correctly and every exercise on it (a sandbox
 * with checks) has passed all its checks. What a lesson requires is read from its page (the
 * quiz and sandboxes it renders), so the stored `completedAt` is the only thing other pages need.
 */

export const PROGRESS_KEY = 'course.progress.v1'

export interface QuizProgress {
  /** Question number (1-based, as a string key) → the option indexes last checked. */
  answers: Record<string, number[]>
  /** When every question was first answered correctly. */
  passedAt?: string
  /** Questions answered correctly, of `total`, at the last check (the progress page's score). */
  correct?: number
  total?: number
}

export interface QuizScore {
  correct: number
  total: number
}

export interface LessonProgress {
  /** When the lesson's requirements were first all met. */
  completedAt?: string
  quiz?: QuizProgress
  /** Sandbox name → when all of its checks first passed. */
  exercises?: Record<string, string>
  /** A self-assessment's answers (lesson 10.2): skill id → rating 1–4 (src/course/skills.ts). */
  skills?: Record<string, number>
  /** When the learner last opened the lesson ("continue where you stopped"). */
  visitedAt?: string
}

/** What completes a lesson: its quiz (if it has one) and the sandboxes with checks on it. */
export interface LessonRequirements {
  quiz: boolean
  exercises: string[]
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
 * The progress this browser keeps; none when the page may not use storage (blocked site data
 * throws on reading `localStorage`), so outlines and quizzes still work, unsaved.
 */
export function storedProgress(): Record<string, LessonProgress> {
  try {
    return readProgress(localStorage)
  } catch {
    return {}
  }
}

export function isLessonComplete(entry: LessonProgress | undefined): boolean {
  return typeof entry?.completedAt === 'string'
}

/** The lesson page's requirements, from what it renders: `<course-quiz>` and exercise sandboxes. */
export function lessonRequirements(root: ParentNode = document): LessonRequirements {
  return {
    quiz: root.querySelector('course-quiz') !== null,
    exercises: [...root.querySelectorAll<HTMLElement>('course-sandbox[data-name]')]
      .filter((el) => el.querySelector('[data-panel="checks"]'))
      .map((el) => el.dataset.name!),
  }
}

function requirementsMet(entry: LessonProgress, requirements: LessonRequirements): boolean {
  if (!requirements.quiz && requirements.exercises.length === 0) return false
  if (requirements.quiz && !entry.quiz?.passedAt) return false
  return requirements.exercises.every((name) => entry.exercises?.[name])
}

/**
 * Where and when a record is made: what completes the lesson (by default read from the page),
 * the storage and the time. Tests pass their own.
 */
export interface RecordContext {
  requirements?: LessonRequirements
  storage?: Storage
  now?: Date
}

/**
 * Applies `change` to the lesson's entry (with the time as an ISO string), sets `completedAt`
 * once its requirements are met (and keeps it after), stores it and announces it. Returns true
 * when this call completed the lesson.
 */
function updateLesson(
  pathname: string,
  context: RecordContext,
  change: (entry: LessonProgress, now: string) => void,
): boolean {
  const { requirements = lessonRequirements(), storage = localStorage, now = new Date() } = context
  const path = lessonPath(pathname)
  const progress = readProgress(storage)
  const entry: LessonProgress = { ...progress[path] }
  change(entry, now.toISOString())
  const completed = !isLessonComplete(entry) && requirementsMet(entry, requirements)
  if (completed) entry.completedAt = now.toISOString()
  progress[path] = entry
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress))
  } catch {
    return false // storage full or disabled: the page still shows what was just done
  }
  globalThis.dispatchEvent?.(new CustomEvent('course:progress', { detail: { path, completed } }))
  return completed
}

/** All checks of the sandbox `name` passed (the first time is kept). */
export function recordExercisePassed(pathname: string, name: string, context: RecordContext = {}): boolean {
  return updateLesson(pathname, context, (entry, now) => {
    entry.exercises = { ...entry.exercises }
    entry.exercises[name] ??= now
  })
}

/** The learner checked quiz answers; passed when every question is answered correctly. */
export function recordQuizAnswers(
  pathname: string,
  answers: Record<string, number[]>,
  score: QuizScore,
  context: RecordContext = {},
): boolean {
  return updateLesson(pathname, context, (entry, now) => {
    const passed = score.total > 0 && score.correct === score.total
    const passedAt = entry.quiz?.passedAt ?? (passed ? now : undefined)
    entry.quiz = { answers, ...(passedAt ? { passedAt } : {}), correct: score.correct, total: score.total }
  })
}

/** The learner rated skills in a self-assessment: the latest ratings replace the previous ones. */
export function recordSkillRatings(
  pathname: string,
  ratings: Record<string, number>,
  context: RecordContext = {},
): boolean {
  return updateLesson(pathname, context, (entry) => void (entry.skills = { ...ratings }))
}

/** The learner opened the lesson: remembered for "continue where you stopped" and the progress page. */
export function recordVisit(pathname: string, context: RecordContext = {}): boolean {
  return updateLesson(pathname, context, (entry, now) => void (entry.visitedAt = now))
}

/** Replaces all progress (an imported backup); announced like any change. */
export function replaceProgress(
  progress: Record<string, LessonProgress>,
  storage: Storage = localStorage,
): void {
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress))
  globalThis.dispatchEvent?.(new CustomEvent('course:progress', { detail: { path: '*', completed: false } }))
}

/** Forgets all progress. */
export function clearProgress(storage: Storage = localStorage): void {
  storage.removeItem(PROGRESS_KEY)
  globalThis.dispatchEvent?.(new CustomEvent('course:progress', { detail: { path: '*', completed: false } }))
}

export type LessonStatus = 'done' | 'started' | 'not-started'

/** Done once completed; started once opened, answered, passed or coded in (`hasSavedCode`). */
export function lessonStatus(entry: LessonProgress | undefined, hasSavedCode = false): LessonStatus {
  if (isLessonComplete(entry)) return 'done'
  if (hasSavedCode || (entry && Object.keys(entry).length > 0)) return 'started'
  return 'not-started'
}

/** The latest moment anything happened in a lesson ('' when nothing did). */
export function lastActivity(entry: LessonProgress | undefined): string {
  if (!entry) return ''
  const times = [
    entry.visitedAt,
    entry.completedAt,
    entry.quiz?.passedAt,
    ...Object.values(entry.exercises ?? {}),
  ]
  return (
    times
      .filter((t): t is string => typeof t === 'string')
      .sort()
      .at(-1) ?? ''
  )
}

/**
 * Where "continue where you stopped" goes: the lesson with the latest activity, or, when that one
 * is done, the next lesson after it that is not. Undefined when there is no progress, or all is done.
 */
export function resumeLesson(
  progress: Record<string, LessonProgress>,
  order: string[],
): { path: string; reason: 'continue' | 'next' } | undefined {
  let latest = -1
  let latestAt = ''
  order.forEach((path, i) => {
    const at = lastActivity(progress[path])
    if (at && at >= latestAt) {
      latest = i
      latestAt = at
    }
  })
  if (latest < 0) return undefined
  if (!isLessonComplete(progress[order[latest]!])) return { path: order[latest]!, reason: 'continue' }
  const next = [...order.slice(latest + 1), ...order.slice(0, latest)].find(
    (p) => !isLessonComplete(progress[p]),
  )
  return next ? { path: next, reason: 'next' } : undefined
}
