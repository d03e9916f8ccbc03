import { describe, expect, it } from 'vitest'
import { MemoryCounterStore } from '../counter-store/counter-store.ts'
import { BudgetExceededError, tokenBudget } from './token-budget.ts'

const DAY = 86_400_000

describe('tokenBudget', () => {
  it('reserves the worst case and settles to the real usage', async () => {
    const budget = tokenBudget({ store: new MemoryCounterStore(), perClient: 100, global: 1000 })
    const reservation = await budget.reserve('alice', 60)
    expect(await budget.used('alice')).toEqual({ client: 60, global: 60 })
    await reservation.settle(25)
    await reservation.settle(99) // only the first settle counts
    expect(await budget.used('alice')).toEqual({ client: 25, global: 25 })
  })

  it('refuses a client whose budget is spent, and rolls the refused reservation back', async () => {
    const budget = tokenBudget({ store: new MemoryCounterStore(), perClient: 50, global: 1000 })
    await (await budget.reserve('alice', 10)).settle(50)
    const refused = await budget.reserve('alice', 10).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(BudgetExceededError)
    expect(refused).toMatchObject({ scope: 'client', limit: 50 })
    expect(await budget.used('alice')).toEqual({ client: 50, global: 50 })
    // Others are not affected by alice's budget.
    await expect(budget.reserve('bob', 10)).resolves.toBeDefined()
  })

  it('counts concurrent reservations, so a burst cannot all slip in under the limit', async () => {
    const budget = tokenBudget({ store: new MemoryCounterStore(), perClient: 100, global: 1000 })
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => budget.reserve('alice', 30)))
    // 0, 30, 60 and 90 are under 100 when reserved: four get in.
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4)
  })

  it('has a global limit across clients', async () => {
    const budget = tokenBudget({ store: new MemoryCounterStore(), perClient: 100, global: 120 })
    await (await budget.reserve('a', 1)).settle(100)
    await (await budget.reserve('b', 1)).settle(30)
    await expect(budget.reserve('c', 1)).rejects.toMatchObject({ scope: 'global', limit: 120 })
  })

  it('starts again at midnight UTC', async () => {
    let now = Date.UTC(2026, 0, 10, 23, 59)
    const budget = tokenBudget({
      store: new MemoryCounterStore({ now: () => now }),
      perClient: 10,
      global: 100,
      now: () => now,
    })
    await (await budget.reserve('a', 1)).settle(10)
    const refused = (await budget.reserve('a', 1).catch((e: unknown) => e)) as BudgetExceededError
    expect(refused.resetAt).toBe(Date.UTC(2026, 0, 11))
    now += DAY / 24
    await expect(budget.reserve('a', 1)).resolves.toBeDefined()
  })
})
