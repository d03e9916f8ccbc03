/**
 * Build-time (Node): what each lesson asks of the learner, for the progress page — its
 * exercises (sandboxes with checks, as `lessonRequirements` finds them on the lesson page), all
 * its sandboxes (saved code in any of them means the lesson was started) and whether it has a quiz.
 */
import type { LessonInfo } from '../../course/course.ts'
import { loadSandbox } from '../../course/sandbox-loader.ts'

export interface LessonOutline {
  path: string
  exercises: string[]
  sandboxes: string[]
  quiz: boolean
}

export async function lessonOutline(lesson: LessonInfo): Promise<LessonOutline> {
  const sandboxes = lesson.entry.data.sandboxes ?? []
  const exercises: string[] = []
  for (const name of sandboxes) if ((await loadSandbox(name)).checks) exercises.push(name)
  return {
    path: lesson.href.replace(/\/$/, ''),
    exercises,
    sandboxes,
    // A lesson's quiz is a top-level <Quiz> tag in its MDX (the QUIZ contract, AUTHORING.md).
    quiz: /^<Quiz[\s>]/m.test(lesson.entry.body ?? ''),
  }
}
