import { describe, expect, it } from 'vitest'
import { describeResult, errorPointer, pageLabel } from './data-model.ts'

describe('Data panel model', () => {
  it('labels pages', () => {
    expect(pageLabel(0, 50, 120)).toBe('Rows 1–50 of 120')
    expect(pageLabel(100, 20, 120)).toBe('Rows 101–120 of 120')
    expect(pageLabel(0, 0, 0)).toBe('No rows')
  })

  it('points at the position Postgres reports, on its line', () => {
    const sql = 'SELECT id,\n  nope\nFROM tasks'
    // Postgres positions are 1-based characters into the statement: "nope" starts at 14.
    expect(errorPointer(sql, { message: 'column "nope" does not exist', position: 14 })).toEqual({
      line: 2,
      column: 3,
      text: '  nope\n  ^',
    })
    expect(errorPointer(sql, { message: 'no position' })).toBeUndefined()
  })

  it('says when a result was cut and what a statement changed', () => {
    expect(describeResult({ rows: new Array(500), truncated: true, ms: 12 })).toMatch(/^First 500 rows shown/)
    expect(describeResult({ command: 'INSERT', affectedRows: 1, rows: [], truncated: false, ms: 1.25 })).toBe(
      'INSERT: 1 row (1.3 ms)',
    )
    expect(describeResult({ command: 'SELECT', rows: [1, 2], truncated: false, ms: 3 })).toBe(
      '2 rows (3.0 ms)',
    )
  })
})
