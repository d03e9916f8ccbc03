import { afterEach, expect, test, vi } from 'vitest'
import { lessonPath, markLessonComplete, PROGRESS_KEY, readProgress } from './progress.ts'

function memoryStorage(): Storage {
  const data = new Map<string, string>()
  return {
    get length() {
      return data.size
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  }
}

afterEach(() => vi.unstubAllGlobals())

test('lessonPath drops trailing slashes only', () => {
  expect(lessonPath('/lessons/01-what-is-backend/04-your-first-endpoint/')).toBe(
    '/lessons/01-what-is-backend/04-your-first-endpoint',
  )
  expect(lessonPath('/lessons/a/b')).toBe('/lessons/a/b')
  expect(lessonPath('/')).toBe('/')
})

test('marks a lesson complete once, keeps other lessons, and dispatches course:progress', () => {
  const storage = memoryStorage()
  storage.setItem(
    PROGRESS_KEY,
    JSON.stringify({ '/lessons/a/1': { completedAt: '2026-01-01T00:00:00.000Z' } }),
  )
  const dispatched: string[] = []
  vi.stubGlobal('dispatchEvent', (event: Event) => dispatched.push(event.type))

  expect(markLessonComplete('/lessons/a/2/', storage, new Date('2026-02-02T00:00:00Z'))).toBe(true)
  expect(readProgress(storage)).toEqual({
    '/lessons/a/1': { completedAt: '2026-01-01T00:00:00.000Z' },
    '/lessons/a/2': { completedAt: '2026-02-02T00:00:00.000Z' },
  })
  expect(dispatched).toEqual(['course:progress'])

  // Passing again keeps the first completion time and does not announce again.
  expect(markLessonComplete('/lessons/a/2', storage, new Date('2027-01-01T00:00:00Z'))).toBe(false)
  expect(readProgress(storage)['/lessons/a/2']?.completedAt).toBe('2026-02-02T00:00:00.000Z')
  expect(dispatched).toHaveLength(1)
})

test('unreadable progress counts as none', () => {
  const storage = memoryStorage()
  storage.setItem(PROGRESS_KEY, '[1,2]')
  expect(readProgress(storage)).toEqual({})
  storage.setItem(PROGRESS_KEY, '{oops')
  expect(readProgress(storage)).toEqual({})
})
