import { expect, test } from 'vitest'
import type { LogEntry } from '../runtime.ts'
import { formatLogEntry, formatOffset } from './console-panel.ts'

const entry = (over: Partial<LogEntry>): LogEntry => ({
  level: 'log',
  message: 'hi',
  time: 1000,
  source: 'app',
  ...over,
})

test('a copied log line has time, level, message and place in the learner source', () => {
  expect(formatLogEntry(entry({ file: 'src/app.ts', line: 12, column: 5 }), 988)).toBe(
    '[+12 ms] log: hi (src/app.ts:12:5)',
  )
  expect(formatLogEntry(entry({ level: 'error', message: 'boom', file: 'src/app.ts' }), 1000)).toBe(
    '[+0 ms] error: boom (src/app.ts)',
  )
  expect(formatLogEntry(entry({ source: 'system', level: 'warn', message: 'restarted' }), 0)).toBe(
    '[+1.00 s] runtime: restarted',
  )
})

test('offsets read naturally', () => {
  expect(formatOffset(3.4)).toBe('+3 ms')
  expect(formatOffset(1234)).toBe('+1.23 s')
  expect(formatOffset(65_000)).toBe('+65.0 s')
  expect(formatOffset(-5)).toBe('+0 ms')
})
