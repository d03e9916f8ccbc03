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
}

export interface LessonProgress {
  /** When the lesson's requirements were first all met. */
  completedAt?: string
  quiz?: QuizProgress
  /** Sandbox name → when all of its checks first passed. */
  exercises?: Record<string, string>
  /** A self-assessment's answers (lesson 10.2): skill id → rating 1–4 (src/course/skills.ts). */
  skills?: Record<string, number>
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
 * Applies `change` to the lesson's entry, sets `completedAt` once its requirements are met (and
 * keeps it after), stores it and announces it. Returns true when this call completed the lesson.
 */
function updateLesson(
  pathname: string,
  change: (entry: LessonProgress) => void,
  requirements: LessonRequirements,
  storage: Storage,
  now: Date,
): boolean {
  const path = lessonPath(pathname)
  const progress = readProgress(storage)
  const entry: LessonProgress = { ...progress[path] }
  change(entry)
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
export function recordExercisePassed(
  pathname: string,
  name: string,
  requirements: LessonRequirements = lessonRequirements(),
  storage: Storage = localStorage,
  now = new Date(),
): boolean {
  return updateLesson(
    pathname,
    (entry) => {
      entry.exercises = { ...entry.exercises }
      entry.exercises[name] ??= now.toISOString()
    },
    requirements,
    storage,
    now,
  )
}

/** The learner checked quiz answers; `passed` when every question is answered correctly. */
export function recordQuizAnswers(
  pathname: string,
  answers: Record<string, number[]>,
  passed: boolean,
  requirements: LessonRequirements = lessonRequirements(),
  storage: Storage = localStorage,
  now = new Date(),
): boolean {
  return updateLesson(
    pathname,
    (entry) => {
      const passedAt = entry.quiz?.passedAt ?? (passed ? now.toISOString() : undefined)
      entry.quiz = { answers, ...(passedAt ? { passedAt } : {}) }
    },
    requirements,
    storage,
    now,
  )
}

/** The learner rated skills in a self-assessment: the latest ratings replace the previous ones. */
export function recordSkillRatings(
  pathname: string,
  ratings: Record<string, number>,
  requirements: LessonRequirements = lessonRequirements(),
  storage: Storage = localStorage,
  now = new Date(),
): boolean {
  return updateLesson(
    pathname,
    (entry) => {
      entry.skills = { ...ratings }
    },
    requirements,
    storage,
    now,
  )
}
