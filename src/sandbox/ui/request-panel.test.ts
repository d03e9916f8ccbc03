import { expect, test } from 'vitest'
import { formatBytes, formatMs, runtimeMessage } from './request-panel.ts'

test('a runtime answer is told apart from the app’s', () => {
  expect(runtimeMessage('{"error":"The app did not answer within 5 s.","runtimeError":"timeout"}')).toBe(
    'Not your app: The app did not answer within 5 s.',
  )
  expect(runtimeMessage('oops')).toBe('Not your app: the sandbox runtime answered in its place.')
})

test('times and sizes read naturally', () => {
  expect(formatMs(3.14)).toBe('3.1 ms')
  expect(formatMs(42.6)).toBe('43 ms')
  expect(formatBytes(13)).toBe('13 B')
  expect(formatBytes(2048)).toBe('2.0 KB')
})
