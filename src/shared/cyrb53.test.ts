import { expect, test } from 'vitest'
import { cyrb53 } from './cyrb53.ts'

test('cyrb53 is stable, short and changes with any character', () => {
  expect(cyrb53('')).toBe(cyrb53(''))
  expect(cyrb53('hello')).toMatch(/^[0-9a-z]{1,11}$/)
  expect(cyrb53('hello')).not.toBe(cyrb53('hellp'))
  expect(cyrb53('a\u0000b')).not.toBe(cyrb53('ab'))
})
