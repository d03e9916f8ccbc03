/**
 * Counters with an expiry, shared by the rate limiter and the token budgets. In memory for a
 * single instance; `RedisCounterStore` (redis-counter-store.ts) when several API instances
 * must enforce one limit.
 */

export interface CounterValue {
  /** The counter after the change. */
  value: number
  /** When the counter's window ends (epoch milliseconds). */
  resetAt: number
}

export interface CounterChange {
  key: string
  amount: number
}

export interface CounterStore {
  readonly kind: 'memory' | 'redis'
  /**
   * Adds `amount` (which may be negative) to `key` atomically. A missing or expired counter
   * starts at 0 with a window of `windowMs`; a running window is never extended.
   */
  increment(key: string, amount: number, windowMs: number): Promise<CounterValue>
  /**
   * Several increments as one atomic change (all or none), in one round trip: a budget
   * reservation moves the client's and the global counter together, so a store failure
   * can never leave one changed without the other. Values in the order given.
   */
  incrementAll(changes: readonly CounterChange[], windowMs: number): Promise<number[]>
  /** The counter's current value, 0 when missing or expired. */
  get(key: string): Promise<number>
  delete(key: string): Promise<void>
  close(): Promise<void>
}

/** Raised when the store cannot be reached; the proxy answers 503 rather than let requests through unmetered. */
export class CounterStoreUnavailableError extends Error {
  override name = 'CounterStoreUnavailableError'
}

interface Counter {
  value: number
  resetAt: number
}

export interface MemoryCounterStoreOptions {
  now?: () => number
  /** How often expired counters are dropped, so memory stays flat under many clients. */
  sweepEveryMs?: number
}

export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory'
  #counters = new Map<string, Counter>()
  #now: () => number
  #sweep: ReturnType<typeof setInterval>

  constructor(options: MemoryCounterStoreOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#sweep = setInterval(() => this.#dropExpired(), options.sweepEveryMs ?? 60_000)
    // A timer must not keep a finished test run or a closing server alive.
    ;(this.#sweep as { unref?: () => void }).unref?.()
  }

  async increment(key: string, amount: number, windowMs: number): Promise<CounterValue> {
    const now = this.#now()
    let counter = this.#counters.get(key)
    if (counter === undefined || counter.resetAt <= now) {
      counter = { value: 0, resetAt: now + windowMs }
      this.#counters.set(key, counter)
    }
    counter.value += amount
    return { value: counter.value, resetAt: counter.resetAt }
  }

  async incrementAll(changes: readonly CounterChange[], windowMs: number): Promise<number[]> {
    const values: number[] = []
    for (const { key, amount } of changes) values.push((await this.increment(key, amount, windowMs)).value)
    return values
  }

  async get(key: string): Promise<number> {
    const counter = this.#counters.get(key)
    return counter === undefined || counter.resetAt <= this.#now() ? 0 : counter.value
  }

  async delete(key: string): Promise<void> {
    this.#counters.delete(key)
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep)
    this.#counters.clear()
  }

  /** How many counters are held (for tests and the memory benchmark). */
  get size(): number {
    return this.#counters.size
  }

  #dropExpired(): void {
    const now = this.#now()
    for (const [key, counter] of this.#counters) if (counter.resetAt <= now) this.#counters.delete(key)
  }
}
