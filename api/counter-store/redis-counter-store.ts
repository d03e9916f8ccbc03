/**
 * Counters in Redis (ioredis), so every API instance behind a load balancer sees the same
 * rate-limit and budget counts. Each change is one Lua script run: add and set the expiry
 * of a new window atomically, so two instances can never both let the N+1st request in.
 */
import { Redis } from 'ioredis'
import { CounterStoreUnavailableError, type CounterStore, type CounterValue } from './counter-store.ts'

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

type RedisWithScript = Redis & {
  courseCounterIncrement(key: string, amount: number, windowMs: number): Promise<[number, number]>
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
    }) as RedisWithScript
    this.#redis.defineCommand('courseCounterIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT })
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
