/**
 * Daily token budgets, per client and for the whole deployment, so a public endpoint has a
 * hard ceiling on what it can spend in a day. Counted from the upstream's reported `usage`.
 *
 * A request first reserves its worst case (estimated input + its output-token cap), so a
 * burst of concurrent requests cannot all slip in under the limit; when the answer arrives
 * the reservation is settled to the real usage. A request is refused once the budget is
 * already spent, so one request may overshoot by at most its own reservation.
 */
import type { CounterStore } from '../counter-store/counter-store.ts'

export type BudgetScope = 'client' | 'global'

export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError'
  readonly scope: BudgetScope
  readonly limit: number
  /** When the budget starts again: the next midnight UTC (epoch milliseconds). */
  readonly resetAt: number

  constructor(scope: BudgetScope, limit: number, resetAt: number) {
    super(
      scope === 'client'
        ? `This client has used its daily budget of ${limit} tokens on the course AI proxy; it resets at midnight UTC.`
        : `The course AI proxy has used its daily budget of ${limit} tokens for everyone; it resets at midnight UTC.`,
    )
    this.scope = scope
    this.limit = limit
    this.resetAt = resetAt
  }
}

export interface TokenBudgetOptions {
  store: CounterStore
  perClient: number
  global: number
  now?: () => number
}

export interface BudgetReservation {
  /** Replaces the reservation by the tokens really used. Only the first call counts. */
  settle(usedTokens: number): Promise<void>
}

const DAY_MS = 86_400_000

export interface TokenBudget {
  reserve(client: string, tokens: number): Promise<BudgetReservation>
  /** Tokens counted today, for the client and for everyone. */
  used(client: string): Promise<{ client: number; global: number }>
}

export function tokenBudget(options: TokenBudgetOptions): TokenBudget {
  const now = options.now ?? Date.now
  const { store } = options

  // The day's name, computed once per UTC day (toISOString was a visible cost per request).
  let dayIndex = -1
  let dayName = ''
  function today() {
    const time = now()
    const index = Math.floor(time / DAY_MS)
    if (index !== dayIndex) {
      dayIndex = index
      dayName = new Date(time).toISOString().slice(0, 10)
    }
    const day = dayName
    const resetAt = (index + 1) * DAY_MS
    // The day is part of the key; the expiry only cleans up (an hour late, never early).
    return {
      clientKey: (client: string) => `budget:${day}:client:${client}`,
      globalKey: `budget:${day}:global`,
      resetAt,
      ttl: resetAt - time + 3_600_000,
    }
  }

  return {
    async reserve(client, tokens) {
      const day = today()
      const reserved = Math.max(0, Math.ceil(tokens))
      const clientKey = day.clientKey(client)
      // Both counters in one atomic change: a store that fails mid-way changes neither.
      const both = (amount: number) => [
        { key: clientKey, amount },
        { key: day.globalKey, amount },
      ]
      const [forClient = 0, forAll = 0] = await store.incrementAll(both(reserved), day.ttl)
      const scope: BudgetScope | undefined =
        forClient - reserved >= options.perClient
          ? 'client'
          : forAll - reserved >= options.global
            ? 'global'
            : undefined
      if (scope) {
        await store.incrementAll(both(-reserved), day.ttl)
        throw new BudgetExceededError(
          scope,
          scope === 'client' ? options.perClient : options.global,
          day.resetAt,
        )
      }
      let settled = false
      return {
        async settle(usedTokens) {
          if (settled) return
          settled = true
          const delta = Math.max(0, Math.ceil(usedTokens)) - reserved
          if (delta === 0) return
          await store.incrementAll(
            [
              { key: clientKey, amount: delta },
              { key: day.globalKey, amount: delta },
            ],
            day.ttl,
          )
        },
      }
    },
    async used(client) {
      const day = today()
      return { client: await store.get(day.clientKey(client)), global: await store.get(day.globalKey) }
    },
  }
}
