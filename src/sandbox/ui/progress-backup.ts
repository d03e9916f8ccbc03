/**
 * A learner's progress and saved sandbox code as one JSON file, to move to another browser or
 * keep as a backup. Everything lives in the course origin's localStorage (progress.ts,
 * persistence.ts); a sandbox's database (in the sandbox origin) is not part of it.
 *
 * The file is versioned: `{ format, version, exportedAt, progress, code }`. An import is
 * validated whole before anything is written, and describes what it will replace first.
 */
import { allSavedEdits, clearAllSavedEdits, replaceAllSavedEdits, type SavedEdits } from '../persistence.ts'
import {
  clearProgress,
  isLessonComplete,
  readProgress,
  replaceProgress,
  type LessonProgress,
} from './progress.ts'

export const BACKUP_FORMAT = 'backend-course-progress'
export const BACKUP_VERSION = 1

export interface Backup {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  exportedAt: string
  progress: Record<string, LessonProgress>
  code: Record<string, SavedEdits>
}

export function exportBackup(storage: Storage, now = new Date()): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    progress: readProgress(storage),
    code: allSavedEdits(storage),
  }
}

export function backupFileName(now = new Date()): string {
  return `backend-course-progress-${now.toISOString().slice(0, 10)}.json`
}

export type Validated = { ok: true; backup: Backup } | { ok: false; problems: string[] }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v))
const LESSON_PATH = /^\/lessons\/[a-z0-9-]+\/[a-z0-9-]+$/
const SANDBOX_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function lessonProblems(path: string, entry: unknown): string[] {
  const at = `progress["${path}"]`
  if (!LESSON_PATH.test(path))
    return [`${at}: not a lesson of this course (expected "/lessons/<topic>/<lesson>")`]
  if (!isObject(entry)) return [`${at}: must be an object`]
  const problems: string[] = []
  const known = ['completedAt', 'quiz', 'exercises', 'skills', 'visitedAt']
  for (const key of Object.keys(entry)) if (!known.includes(key)) problems.push(`${at}.${key}: unknown field`)
  for (const key of ['completedAt', 'visitedAt'] as const)
    if (entry[key] !== undefined && !isTime(entry[key])) problems.push(`${at}.${key}: must be a date`)
  const quiz = entry.quiz
  if (quiz !== undefined) {
    if (!isObject(quiz) || !isObject(quiz.answers)) problems.push(`${at}.quiz: must have "answers"`)
    else {
      for (const [q, chosen] of Object.entries(quiz.answers))
        if (!Array.isArray(chosen) || !chosen.every((i) => Number.isInteger(i) && i >= 0))
          problems.push(`${at}.quiz.answers["${q}"]: must be a list of option numbers`)
      if (quiz.passedAt !== undefined && !isTime(quiz.passedAt))
        problems.push(`${at}.quiz.passedAt: must be a date`)
      for (const key of ['correct', 'total'] as const)
        if (quiz[key] !== undefined && !(Number.isInteger(quiz[key]) && (quiz[key] as number) >= 0))
          problems.push(`${at}.quiz.${key}: must be a whole number`)
    }
  }
  if (entry.exercises !== undefined) {
    if (!isObject(entry.exercises)) problems.push(`${at}.exercises: must be an object`)
    else
      for (const [name, when] of Object.entries(entry.exercises))
        if (!SANDBOX_NAME.test(name) || !isTime(when))
          problems.push(`${at}.exercises["${name}"]: must be a sandbox name and the date it passed`)
  }
  if (entry.skills !== undefined) {
    if (!isObject(entry.skills) || !Object.values(entry.skills).every((r) => Number.isInteger(r)))
      problems.push(`${at}.skills: must map skills to ratings`)
  }
  return problems
}

function codeProblems(name: string, record: unknown): string[] {
  const at = `code["${name}"]`
  if (!SANDBOX_NAME.test(name)) return [`${at}: not a sandbox name`]
  if (!isObject(record)) return [`${at}: must be an object`]
  const problems: string[] = []
  if (typeof record.starter !== 'string') problems.push(`${at}.starter: must be a string`)
  if (!isObject(record.files) || !Object.values(record.files).every((t) => typeof t === 'string'))
    problems.push(`${at}.files: must map file paths to their code`)
  else
    for (const path of Object.keys(record.files))
      if (path.startsWith('/') || path.split('/').includes('..'))
        problems.push(`${at}.files: "${path}" is not a sandbox path`)
  if (record.savedAt !== undefined && typeof record.savedAt !== 'string')
    problems.push(`${at}.savedAt: must be a date`)
  return problems
}

/** Checks a parsed file; every problem is listed (up to 10), so a broken file says what is wrong. */
export function validateBackup(value: unknown): Validated {
  if (!isObject(value) || value.format !== BACKUP_FORMAT)
    return {
      ok: false,
      problems: ['This is not a progress file of this course (its "format" is missing or different).'],
    }
  if (value.version !== BACKUP_VERSION)
    return {
      ok: false,
      problems: [
        typeof value.version === 'number' && value.version > BACKUP_VERSION
          ? `It was exported by a newer version of the course (file version ${value.version}, this page reads ${BACKUP_VERSION}); reload the page and try again.`
          : `Its version (${JSON.stringify(value.version)}) is not one this course wrote.`,
      ],
    }
  const problems: string[] = []
  if (!isTime(value.exportedAt)) problems.push('exportedAt: must be a date')
  if (!isObject(value.progress)) problems.push('progress: must be an object')
  else
    for (const [path, entry] of Object.entries(value.progress)) problems.push(...lessonProblems(path, entry))
  if (!isObject(value.code)) problems.push('code: must be an object')
  else for (const [name, record] of Object.entries(value.code)) problems.push(...codeProblems(name, record))
  if (problems.length)
    return {
      ok: false,
      problems:
        problems.length > 10 ? [...problems.slice(0, 10), `…and ${problems.length - 10} more`] : problems,
    }
  return { ok: true, backup: value as unknown as Backup }
}

/** Reads a file's text: JSON errors and validation problems come back as problems. */
export function parseBackup(text: string): Validated {
  try {
    return validateBackup(JSON.parse(text))
  } catch (err) {
    return {
      ok: false,
      problems: [`It is not valid JSON (${err instanceof Error ? err.message : String(err)}).`],
    }
  }
}

export interface Summary {
  lessons: number
  done: number
  sandboxes: string[]
}

export function summarize(progress: Record<string, LessonProgress>, code: Record<string, unknown>): Summary {
  return {
    lessons: Object.keys(progress).length,
    done: Object.values(progress).filter(isLessonComplete).length,
    sandboxes: Object.keys(code).sort(),
  }
}

const lessons = (n: number) => `${n} ${n === 1 ? 'lesson' : 'lessons'}`
const sandboxes = (n: number) => `${n} ${n === 1 ? 'sandbox' : 'sandboxes'}`

/** What confirming an import does, in words: what is in the file and what it replaces. */
export function describeImport(current: Summary, incoming: Summary, exportedAt: string): string[] {
  const date = exportedAt.slice(0, 10)
  const lines = [
    `The file (exported ${date}) has progress in ${lessons(incoming.lessons)} (${incoming.done} done) and saved code for ${sandboxes(incoming.sandboxes.length)}${incoming.sandboxes.length ? ` (${incoming.sandboxes.join(', ')})` : ''}.`,
  ]
  if (current.lessons === 0 && current.sandboxes.length === 0)
    lines.push('This browser has no progress or saved code yet: nothing is replaced.')
  else {
    lines.push(
      `It replaces everything this browser has now: progress in ${lessons(current.lessons)} (${current.done} done) and saved code for ${sandboxes(current.sandboxes.length)}${current.sandboxes.length ? ` (${current.sandboxes.join(', ')})` : ''}.`,
    )
    const lost = current.sandboxes.filter((name) => !incoming.sandboxes.includes(name))
    if (lost.length) lines.push(`Your code in ${lost.join(', ')} is not in the file and will be gone.`)
  }
  return lines
}

/** Replaces progress and code with the file's; if storage refuses (full), puts back what was there. */
export function importBackup(storage: Storage, backup: Backup): void {
  const before = exportBackup(storage)
  try {
    replaceAllSavedEdits(storage, backup.code)
    replaceProgress(backup.progress, storage)
  } catch (err) {
    replaceAllSavedEdits(storage, before.code)
    replaceProgress(before.progress, storage)
    throw new Error(
      `This browser refused to store it (${err instanceof Error ? err.message : String(err)}); nothing was changed.`,
    )
  }
}

/** Forgets all progress and saved code in this browser (the theme choice stays). */
export function forgetEverything(storage: Storage): void {
  clearAllSavedEdits(storage)
  clearProgress(storage)
}
