import { expect, test } from 'vitest'
import { EditStore } from '../persistence.ts'
import {
  BACKUP_FORMAT,
  describeImport,
  exportBackup,
  forgetEverything,
  importBackup,
  parseBackup,
  summarize,
  validateBackup,
} from './progress-backup.ts'
import { PROGRESS_KEY, readProgress, recordQuizAnswers } from './progress.ts'
import { memoryStorage } from '../testing/memory-storage.ts'

const starter = { 'src/app.ts': 'starter' }

function browserWithWork(): Storage {
  const storage = memoryStorage()
  recordQuizAnswers(
    '/lessons/01-a/01-b',
    { '1': [0] },
    { correct: 1, total: 1 },
    { requirements: { quiz: true, exercises: [] }, storage, now: new Date('2026-04-01T00:00:00Z') },
  )
  const store = new EditStore('hello-hono', starter, storage)
  store.save({ 'src/app.ts': 'mine' })
  store.keepForUndo({ 'src/app.ts': 'older' }, 'Reset')
  storage.setItem('course.theme', 'dark')
  return storage
}

test('export then import into an empty browser restores progress and code', () => {
  const from = browserWithWork()
  const file = JSON.stringify(exportBackup(from, new Date('2026-04-02T00:00:00Z')))
  const parsed = parseBackup(file)
  expect(parsed.ok).toBe(true)
  if (!parsed.ok) return
  expect(parsed.backup.format).toBe(BACKUP_FORMAT)
  expect(Object.keys(parsed.backup.code)).toEqual(['hello-hono']) // the undo snapshot is not saved code

  const to = memoryStorage()
  importBackup(to, parsed.backup)
  expect(readProgress(to)).toEqual(readProgress(from))
  expect(new EditStore('hello-hono', starter, to).load()?.files).toEqual({ 'src/app.ts': 'mine' })
})

test('import replaces what the browser had, and says so first', () => {
  const to = memoryStorage()
  new EditStore('tasks-db', starter, to).save({ 'src/app.ts': 'other' })
  const backup = exportBackup(browserWithWork())
  const lines = describeImport(
    summarize(readProgress(to), { 'tasks-db': 1 }),
    summarize(backup.progress, backup.code),
    backup.exportedAt,
  )
  expect(lines.join(' ')).toMatch(
    /progress in 1 lesson \(1 done\) and saved code for 1 sandbox \(hello-hono\)/,
  )
  expect(lines.join(' ')).toMatch(/replaces everything .* saved code for 1 sandbox \(tasks-db\)/)
  expect(lines.join(' ')).toMatch(/Your code in tasks-db is not in the file and will be gone/)
  importBackup(to, backup)
  expect(new EditStore('tasks-db', starter, to).load()).toBeUndefined()
  expect(describeImport(summarize({}, {}), summarize({}, {}), backup.exportedAt).join(' ')).toMatch(
    /nothing is replaced/,
  )
})

test('files that are not a backup of this course are refused with the reason', () => {
  const reasons = (text: string) => {
    const result = parseBackup(text)
    return result.ok ? [] : result.problems
  }
  expect(reasons('{ not json')[0]).toMatch(/not valid JSON/)
  expect(reasons('{"format":"other"}')[0]).toMatch(/not a progress file of this course/)
  expect(reasons(JSON.stringify({ format: BACKUP_FORMAT, version: 9 }))[0]).toMatch(
    /newer version of the course/,
  )
  expect(reasons(JSON.stringify({ format: BACKUP_FORMAT, version: 0 }))[0]).toMatch(
    /not one this course wrote/,
  )
  const bad = {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: 'yesterday',
    progress: {
      '/etc/passwd': {},
      '/lessons/01-a/01-b': { completedAt: 5, quiz: { answers: { '1': ['x'] } }, extra: true },
    },
    code: { 'Bad Name': {}, 'hello-hono': { starter: 'v', files: { '../../x': 'y' } } },
  }
  expect(validateBackup(bad)).toEqual({
    ok: false,
    problems: [
      'exportedAt: must be a date',
      'progress["/etc/passwd"]: not a lesson of this course (expected "/lessons/<topic>/<lesson>")',
      'progress["/lessons/01-a/01-b"].extra: unknown field',
      'progress["/lessons/01-a/01-b"].completedAt: must be a date',
      'progress["/lessons/01-a/01-b"].quiz.answers["1"]: must be a list of option numbers',
      'code["Bad Name"]: not a sandbox name',
      'code["hello-hono"].files: "../../x" is not a sandbox path',
    ],
  })
})

test('a refused write puts back what was there', () => {
  const to = browserWithWork()
  const before = exportBackup(to)
  const backup = exportBackup(browserWithWork())
  backup.code = { ...backup.code, huge: { starter: 'v', files: { 'src/app.ts': 'x' }, savedAt: '' } }
  const setItem = to.setItem.bind(to)
  let writes = 0
  to.setItem = (key, value) => {
    if (++writes === 2) throw new Error('QuotaExceededError')
    setItem(key, value)
  }
  expect(() => importBackup(to, backup)).toThrow(/refused to store it .* nothing was changed/)
  to.setItem = setItem
  expect(exportBackup(to, new Date(before.exportedAt))).toEqual(before)
})

test('forget everything removes progress, saved code and undo snapshots, and keeps the theme', () => {
  const storage = browserWithWork()
  forgetEverything(storage)
  expect(storage.getItem(PROGRESS_KEY)).toBeNull()
  expect(Array.from({ length: storage.length }, (_, i) => storage.key(i))).toEqual(['course.theme'])
})
