import { describe, expect, test } from 'vitest'
import { formatLogArgs, inspect } from './log-format.ts'
import { learnerFrames, locateInStack, replaceModuleUrls } from './source-location.ts'

const APP = 'blob:http://localhost:4322/0b6a3c1e-1111-4a4a-9c9c-000000000001'
const DB = 'blob:http://localhost:4322/0b6a3c1e-1111-4a4a-9c9c-000000000002'
const paths = new Map([
  [APP, 'src/app.ts'],
  [DB, 'src/db.ts'],
])

const chromeStack = [
  'Error: no table',
  '    at console.error (http://localhost:4322/worker-ABCDEFGH.js:1:2000)',
  `    at find (${DB}:12:9)`,
  `    at ${APP}:7:24`,
  '    at dispatch (http://localhost:4322/vendor/chunks/XYZ.js:1:500)',
].join('\n')

describe('locating errors and logs in learner files', () => {
  test('the first learner frame wins, vendored and runtime frames are skipped', () => {
    expect(locateInStack(chromeStack, paths)).toEqual({ file: 'src/db.ts', line: 12, column: 9 })
  })

  test('Firefox and Safari frames', () => {
    expect(locateInStack(`handler@${APP}:3:5\n`, paths)).toEqual({ file: 'src/app.ts', line: 3, column: 5 })
  })

  test('nothing learner-owned → undefined', () => {
    expect(locateInStack('Error\n    at x (http://localhost:4322/worker.js:1:1)', paths)).toBeUndefined()
    expect(locateInStack(undefined, paths)).toBeUndefined()
  })

  test('module URLs in messages become paths', () => {
    expect(
      replaceModuleUrls(`The requested module '${DB}' does not provide an export named 'list'`, paths),
    ).toBe("The requested module 'src/db.ts' does not provide an export named 'list'")
  })

  test('learnerFrames keeps only learner frames, with paths', () => {
    expect(learnerFrames(chromeStack, paths)).toEqual([
      '    at find (src/db.ts:12:9)',
      '    at src/app.ts:7:24',
    ])
  })
})

describe('formatLogArgs', () => {
  test('strings as-is, other values inspected', () => {
    expect(formatLogArgs(['user', { id: 1, name: 'Al' }, [1, 'two'], null, undefined, 3n])).toBe(
      "user { id: 1, name: 'Al' } [ 1, 'two' ] null undefined 3n",
    )
  })

  test('printf-style placeholders', () => {
    expect(formatLogArgs(['%s has %d items (%i%%) %j', 'cart', 2.5, 40.7, { a: 1 }, 'extra'])).toBe(
      'cart has 2.5 items (40%) {"a":1} extra',
    )
    expect(formatLogArgs(['%c styled', 'color: red'])).toBe(' styled')
  })

  test('errors use the given formatter; circular objects and deep nesting are safe', () => {
    const err = new Error('boom')
    expect(formatLogArgs(['failed:', err], (e) => `E(${e.message})`)).toBe('failed: E(boom)')
    const a: Record<string, unknown> = { name: 'a' }
    a.self = a
    expect(inspect(a)).toBe("{ name: 'a', self: [Circular] }")
    expect(inspect({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{ a: { b: { c: [Object] } } }')
    expect(inspect(new Map([['k', 1]]))).toBe("Map(1) { 'k' => 1 }")
    expect(inspect(() => 1)).toBe('[Function: (anonymous)]')
  })

  test('very long lines are cut', () => {
    expect(formatLogArgs(['x'.repeat(20_000)])).toMatch(/… \(10000 more characters\)$/)
  })
})
