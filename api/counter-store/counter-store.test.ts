import { describe, expect, it } from 'vitest'
import { MemoryCounterStore } from './counter-store.ts'

describe('MemoryCounterStore', () => {
  it('adds within a window and starts again after it', async () => {
    let now = 1_000
    const store = new MemoryCounterStore({ now: () => now })
    expect(await store.increment('a', 1, 100)).toEqual({ value: 1, resetAt: 1_100 })
    expect(await store.increment('a', 5, 100)).toEqual({ value: 6, resetAt: 1_100 })
    expect(await store.increment('a', -2, 999)).toEqual({ value: 4, resetAt: 1_100 })
    expect(await store.get('a')).toBe(4)
    now = 1_100
    expect(await store.get('a')).toBe(0)
    expect(await store.increment('a', 1, 100)).toEqual({ value: 1, resetAt: 1_200 })
    await store.close()
  })

  it('drops expired counters, so memory stays flat with many clients', async () => {
    let now = 0
    const store = new MemoryCounterStore({ now: () => now, sweepEveryMs: 5 })
    for (let i = 0; i < 1000; i++) await store.increment(`client-${i}`, 1, 10)
    expect(store.size).toBe(1000)
    now = 20
    await expect.poll(() => store.size).toBe(0)
    await store.close()
  })

  it('deletes one key', async () => {
    const store = new MemoryCounterStore()
    await store.increment('a', 3, 1000)
    await store.delete('a')
    expect(await store.get('a')).toBe(0)
    await store.close()
  })
})
