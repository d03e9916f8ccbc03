import { describe, expect, it } from 'vitest'
import { singleFlight } from './single-flight.ts'

describe('singleFlight', () => {
  it('runs one load for concurrent callers of a key, and a new one after it settles', async () => {
    const calls: string[] = []
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const load = singleFlight(async (key: string) => {
      calls.push(key)
      await gate
      return `${key}:${calls.length}`
    })
    const together = [load('p1'), load('p1'), load('p1'), load('p2')]
    release()
    expect(await Promise.all(together)).toEqual(['p1:2', 'p1:2', 'p1:2', 'p2:2'])
    expect(calls).toEqual(['p1', 'p2'])
    expect(await load('p1')).toBe('p1:3')
    expect(calls).toEqual(['p1', 'p2', 'p1'])
  })

  it('shares a failure with the callers that waited, then tries again', async () => {
    let attempt = 0
    const load = singleFlight(async () => {
      attempt++
      if (attempt === 1) throw new Error('database unavailable')
      return 'ok'
    })
    const first = [load('p1'), load('p1')]
    await expect(Promise.all(first)).rejects.toThrow('database unavailable')
    await expect(first[1]).rejects.toThrow('database unavailable')
    expect(await load('p1')).toBe('ok')
    expect(attempt).toBe(2)
  })
})
