import { afterEach, expect, test, vi } from 'vitest'
import {
  isLessonComplete,
  lessonPath,
  lessonRequirements,
  PROGRESS_KEY,
  readProgress,
  recordExercisePassed,
  recordQuizAnswers,
  recordVisit,
  lessonStatus,
  resumeLesson,
  recordSkillRatings,
  storedProgress,
} from './progress.ts'
import { memoryStorage } from '../testing/memory-storage.ts'

afterEach(() => vi.unstubAllGlobals())

test('lessonPath drops trailing slashes only', () => {
  expect(lessonPath('/lessons/01-what-is-backend/04-your-first-endpoint/')).toBe(
    '/lessons/01-what-is-backend/04-your-first-endpoint',
  )
  expect(lessonPath('/lessons/a/b')).toBe('/lessons/a/b')
  expect(lessonPath('/')).toBe('/')
})

const EXERCISE_ONLY = { quiz: false, exercises: ['hello-json-post'] }
const QUIZ_AND_EXERCISE = { quiz: true, exercises: ['hello-json-post'] }

test('passing an exercise completes a lesson without a quiz once, keeps other lessons, and dispatches course:progress', () => {
  const storage = memoryStorage()
  storage.setItem(
    PROGRESS_KEY,
    JSON.stringify({ '/lessons/a/1': { completedAt: '2026-01-01T00:00:00.000Z' } }),
  )
  const dispatched: string[] = []
  vi.stubGlobal('dispatchEvent', (event: Event) => dispatched.push(event.type))

  const first = new Date('2026-02-02T00:00:00Z')
  expect(
    recordExercisePassed('/lessons/a/2/', 'hello-json-post', {
      requirements: EXERCISE_ONLY,
      storage,
      now: first,
    }),
  ).toBe(true)
  expect(readProgress(storage)).toEqual({
    '/lessons/a/1': { completedAt: '2026-01-01T00:00:00.000Z' },
    '/lessons/a/2': {
      completedAt: '2026-02-02T00:00:00.000Z',
      exercises: { 'hello-json-post': '2026-02-02T00:00:00.000Z' },
    },
  })
  expect(dispatched).toEqual(['course:progress'])

  // Passing again keeps the first times and does not complete the lesson again.
  expect(
    recordExercisePassed('/lessons/a/2', 'hello-json-post', {
      requirements: EXERCISE_ONLY,
      storage,
      now: new Date('2027-01-01T00:00:00Z'),
    }),
  ).toBe(false)
  expect(readProgress(storage)['/lessons/a/2']).toEqual({
    completedAt: '2026-02-02T00:00:00.000Z',
    exercises: { 'hello-json-post': '2026-02-02T00:00:00.000Z' },
  })
})

test('a lesson with a quiz and an exercise is complete only when both are done, in either order', () => {
  const storage = memoryStorage()
  const path = '/lessons/a/3'
  expect(
    recordQuizAnswers(
      path,
      { '1': [1] },
      { correct: 0, total: 1 },
      { requirements: QUIZ_AND_EXERCISE, storage },
    ),
  ).toBe(false)
  expect(readProgress(storage)[path]).toEqual({ quiz: { answers: { '1': [1] }, correct: 0, total: 1 } })
  expect(isLessonComplete(readProgress(storage)[path])).toBe(false)

  expect(recordExercisePassed(path, 'hello-json-post', { requirements: QUIZ_AND_EXERCISE, storage })).toBe(
    false,
  )
  expect(isLessonComplete(readProgress(storage)[path])).toBe(false)

  const passed = new Date('2026-03-03T00:00:00Z')
  expect(
    recordQuizAnswers(
      path,
      { '1': [0] },
      { correct: 1, total: 1 },
      { requirements: QUIZ_AND_EXERCISE, storage, now: passed },
    ),
  ).toBe(true)
  const entry = readProgress(storage)[path]
  expect(entry?.quiz).toEqual({ answers: { '1': [0] }, passedAt: passed.toISOString(), correct: 1, total: 1 })
  expect(entry?.completedAt).toBe(passed.toISOString())

  // A later wrong answer is saved, but the quiz stays passed and the lesson complete.
  expect(
    recordQuizAnswers(
      path,
      { '1': [1] },
      { correct: 0, total: 1 },
      { requirements: QUIZ_AND_EXERCISE, storage },
    ),
  ).toBe(false)
  expect(readProgress(storage)[path]?.quiz).toEqual({
    answers: { '1': [1] },
    passedAt: passed.toISOString(),
    correct: 0,
    total: 1,
  })
  expect(isLessonComplete(readProgress(storage)[path])).toBe(true)
})

test('a quiz-only lesson completes with the quiz; a lesson with neither never completes', () => {
  const storage = memoryStorage()
  expect(
    recordQuizAnswers(
      '/lessons/a/4',
      { '1': [0] },
      { correct: 1, total: 1 },
      { requirements: { quiz: true, exercises: [] }, storage },
    ),
  ).toBe(true)
  expect(
    recordQuizAnswers(
      '/lessons/a/5',
      { '1': [0] },
      { correct: 1, total: 1 },
      { requirements: { quiz: false, exercises: [] }, storage },
    ),
  ).toBe(false)
})

test('lessonRequirements reads the quiz and the sandboxes with checks from the page', () => {
  const root = {
    querySelector: (selector: string) => (selector === 'course-quiz' ? {} : null),
    querySelectorAll: () => [
      { dataset: { name: 'with-checks' }, querySelector: () => ({}) },
      { dataset: { name: 'no-checks' }, querySelector: () => null },
    ],
  } as unknown as ParentNode
  expect(lessonRequirements(root)).toEqual({ quiz: true, exercises: ['with-checks'] })
})

test('unreadable progress counts as none', () => {
  const storage = memoryStorage()
  storage.setItem(PROGRESS_KEY, '[1,2]')
  expect(readProgress(storage)).toEqual({})
  storage.setItem(PROGRESS_KEY, '{oops')
  expect(readProgress(storage)).toEqual({})
})

test('skill ratings are saved beside the quiz, replace earlier ones, and do not complete a lesson', () => {
  const storage = memoryStorage()
  const quizOnly = { requirements: { quiz: true, exercises: [] }, storage }
  recordQuizAnswers('/lessons/10-careers/02-x/', { '1': [0] }, { correct: 0, total: 1 }, quizOnly)
  expect(recordSkillRatings('/lessons/10-careers/02-x/', { sql: 2, http: 4 }, quizOnly)).toBe(false)
  expect(recordSkillRatings('/lessons/10-careers/02-x', { sql: 3 }, quizOnly)).toBe(false)
  const entry = readProgress(storage)['/lessons/10-careers/02-x']
  expect(entry?.skills).toEqual({ sql: 3 })
  expect(entry?.quiz?.answers).toEqual({ '1': [0] })
  expect(isLessonComplete(entry)).toBe(false)
})

test('a visit starts a lesson; status is done, started or not started', () => {
  const storage = memoryStorage()
  expect(lessonStatus(readProgress(storage)['/lessons/a/1'])).toBe('not-started')
  expect(lessonStatus(undefined, true)).toBe('started') // saved code alone counts
  recordVisit('/lessons/a/1/', {
    requirements: { quiz: true, exercises: [] },
    storage,
    now: new Date('2026-05-01T00:00:00Z'),
  })
  expect(readProgress(storage)['/lessons/a/1']).toEqual({ visitedAt: '2026-05-01T00:00:00.000Z' })
  expect(lessonStatus(readProgress(storage)['/lessons/a/1'])).toBe('started')
  recordQuizAnswers(
    '/lessons/a/1',
    { '1': [0] },
    { correct: 1, total: 1 },
    { requirements: { quiz: true, exercises: [] }, storage },
  )
  expect(lessonStatus(readProgress(storage)['/lessons/a/1'])).toBe('done')
})

test('resume goes to the lesson last worked on, or the next not done after a finished one', () => {
  const order = ['/lessons/a/1', '/lessons/a/2', '/lessons/a/3']
  expect(resumeLesson({}, order)).toBeUndefined()
  const done = { completedAt: '2026-01-02T00:00:00Z' }
  expect(
    resumeLesson(
      {
        '/lessons/a/1': { visitedAt: '2026-01-03T00:00:00Z' },
        '/lessons/a/2': { visitedAt: '2026-01-01T00:00:00Z' },
      },
      order,
    ),
  ).toEqual({ path: '/lessons/a/1', reason: 'continue' })
  expect(resumeLesson({ '/lessons/a/2': done, '/lessons/a/3': done }, order)).toEqual({
    path: '/lessons/a/1',
    reason: 'next',
  })
  expect(resumeLesson({ '/lessons/a/1': done }, order)).toEqual({ path: '/lessons/a/2', reason: 'next' })
  expect(
    resumeLesson({ '/lessons/a/1': done, '/lessons/a/2': done, '/lessons/a/3': done }, order),
  ).toBeUndefined()
})

test('storedProgress reads localStorage, and is empty where the page may not use storage', () => {
  const storage = memoryStorage()
  storage.setItem(PROGRESS_KEY, JSON.stringify({ '/a/': { visitedAt: '2026-12-01T00:00:00.000Z' } }))
  vi.stubGlobal('localStorage', storage)
  expect(Object.keys(storedProgress())).toEqual(['/a/'])
  // Blocked site data: reading the localStorage property itself throws a SecurityError.
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
  })
  expect(storedProgress()).toEqual({})
  Reflect.deleteProperty(globalThis, 'localStorage')
})
