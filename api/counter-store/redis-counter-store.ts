/**
 * Counters in Redis (ioredis), so every API instance behind a load balancer sees the same
 * rate-limit and budget counts. Each change is one Lua script run: add and set the expiry
 * of a new window atomically, so two instances can never both let the N+1st request in.
 */
import { Redis } from 'ioredis'
import {
  CounterStoreUnavailableError,
  type CounterChange,
  type CounterStore,
  type CounterValue,
} from './counter-store.ts'

// INCRBY then PEXPIRE only when the key has no expiry yet: a running window is not extended.
const INCREMENT_SCRIPT = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return { value, ttl }
`

// The same for several keys at once (KEYS[i] by ARGV[i + 1]), atomically: a script runs alone.
const INCREMENT_ALL_SCRIPT = `
local values = {}
for i, key in ipairs(KEYS) do
  local value = redis.call('INCRBY', key, ARGV[i + 1])
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[1]) end
  values[i] = value
end
return values
`

type RedisWithScript = Redis & {
  courseCounterIncrement(key: string, amount: number, windowMs: number): Promise<[number, number]>
  courseCounterIncrementAll(...args: (string | number)[]): Promise<number[]>
}

export interface RedisCounterStoreOptions {
  /** Prepended to every key so the course can share a Redis with other apps. */
  prefix?: string
  /** Called with a one-line reason when Redis fails; never with the URL (it may hold a password). */
  onError?: (message: string) => void
}

export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis'
  #redis: RedisWithScript
  #prefix: string

  constructor(url: string, options: RedisCounterStoreOptions = {}) {
    this.#prefix = options.prefix ?? 'course-ai:'
    this.#redis = new Redis(url, {
      // Fail fast instead of queueing requests for ever while Redis is down: the proxy then
      // answers 503 and the operator sees it, instead of requests hanging.
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 2000,
      // A command sent just before Redis died may have been applied (and persisted) without
      // an answer; sent again after the reconnect it would count twice — a settle twice is
      // budget lost. Failing it instead can only leave a reservation unsettled (counted high).
      autoResendUnfulfilledCommands: false,
    }) as RedisWithScript
    this.#redis.defineCommand('courseCounterIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT })
    this.#redis.defineCommand('courseCounterIncrementAll', { lua: INCREMENT_ALL_SCRIPT })
    let lastReport = 0
    this.#redis.on('error', (err: Error) => {
      // ioredis emits an error per reconnect attempt; one line every 10 s is enough.
      if (Date.now() - lastReport < 10_000) return
      lastReport = Date.now()
      options.onError?.(`Redis counter store error: ${err.message}`)
    })
  }

  async increment(key: string, amount: number, windowMs: number): Promise<CounterValue> {
    const [value, ttl] = await this.#run(() =>
      this.#redis.courseCounterIncrement(
        this.#prefix + key,
        Math.trunc(amount),
        Math.max(1, Math.ceil(windowMs)),
      ),
    )
    return { value: Number(value), resetAt: Date.now() + Number(ttl) }
  }

  async incrementAll(changes: readonly CounterChange[], windowMs: number): Promise<number[]> {
    const keys = changes.map((c) => this.#prefix + c.key)
    const amounts = changes.map((c) => Math.trunc(c.amount))
    const values = await this.#run(() =>
      // Without numberOfKeys in the definition, the first argument says how many keys follow.
      this.#redis.courseCounterIncrementAll(
        keys.length,
        ...keys,
        Math.max(1, Math.ceil(windowMs)),
        ...amounts,
      ),
    )
    return values.map(Number)
  }

  async get(key: string): Promise<number> {
    const value = await this.#run(() => this.#redis.get(this.#prefix + key))
    return value === null ? 0 : Number(value)
  }

  async delete(key: string): Promise<void> {
    await this.#run(() => this.#redis.del(this.#prefix + key))
  }

  async close(): Promise<void> {
    try {
      await this.#redis.quit()
    } catch {
      this.#redis.disconnect()
    }
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command()
    } catch (err) {
      throw new CounterStoreUnavailableError(
        `The shared counter store (Redis) did not answer: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
  }
}
