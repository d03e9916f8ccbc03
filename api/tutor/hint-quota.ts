/**
 * Hints per client per hour, counted in the proxy's counter store (so every API instance
 * shares one count). Separate from the proxy's per-minute request limit: a hint is a course
 * feature with its own allowance. A hint that failed upstream is given back.
 */
import type { CounterStore } from '../counter-store/counter-store.ts'
import { ProxyError } from '../openai/proxy-error.ts'

export interface HintQuotaOptions {
  store: CounterStore
  limit: number
  windowMs: number
  now?: () => number
}

export interface HintTicket {
  /** Gives the hint back (the upstream failed). Only the first call counts. */
  refund(): Promise<void>
}

export function hintQuota(options: HintQuotaOptions) {
  const now = options.now ?? Date.now
  const minutes = Math.round(options.windowMs / 60_000)
  const window = minutes === 60 ? 'hour' : `${minutes} minutes`
  return {
    async take(client: string): Promise<HintTicket> {
      const key = `hint:${client}`
      const { value, resetAt } = await options.store.increment(key, 1, options.windowMs)
      if (value > options.limit) {
        await options.store.increment(key, -1, options.windowMs)
        const seconds = Math.max(1, Math.ceil((resetAt - now()) / 1000))
        throw new ProxyError(
          429,
          `You have had ${options.limit} hints in the last ${window}, the course's limit. ` +
            `The next one is available in ${Math.ceil(seconds / 60)} min; the check's own hint and the Solve button work meanwhile.`,
          {
            type: 'requests',
            code: 'hint_quota_exceeded',
            headers: { 'Retry-After': String(seconds), 'x-should-retry': 'false' },
          },
        )
      }
      let refunded = false
      return {
        async refund() {
          if (refunded) return
          refunded = true
          await options.store.increment(key, -1, options.windowMs)
        },
      }
    },
    async used(client: string): Promise<number> {
      return options.store.get(`hint:${client}`)
    },
  }
}
