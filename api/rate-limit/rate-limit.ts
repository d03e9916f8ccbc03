/**
 * Per-client request rate limit for the AI proxy: hono-rate-limiter's fixed window with
 * draft-6 `RateLimit-*` headers and `Retry-After`, counting in a `CounterStore` so several
 * API instances share one limit, and answering over-limit requests with an OpenAI-shaped
 * 429 that the SDK understands (it waits for `Retry-After` and retries).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter, type RateLimitInfo, type Store } from 'hono-rate-limiter'
import type { CounterStore } from '../counter-store/counter-store.ts'
import { openAiError } from '../errors.ts'

export interface RateLimitOptions {
  store: CounterStore
  limit: number
  windowMs: number
  /** Who the request comes from; requests with the same key share the limit. */
  clientKey: (c: Context) => string
  /** Separates limiters that share a store (e.g. completions and token issuing). */
  prefix?: string
  /** What the 429 says the limit is for. */
  what?: string
  /** Requests this limit does not count (CORS preflights are never counted). */
  skip?: (c: Context) => boolean
  /** Whether to send RateLimit-* headers (default true; off for a second, wider limit). */
  headers?: boolean
}

type RateLimitEnv = { Variables: { rateLimit?: RateLimitInfo } }

/** Adapts a CounterStore to hono-rate-limiter's Store interface. */
function limiterStore(store: CounterStore, prefix: string): Store<RateLimitEnv> {
  let windowMs = 60_000
  return {
    prefix,
    localKeys: store.kind === 'memory',
    init(options) {
      windowMs = options.windowMs
    },
    async increment(key) {
      const { value, resetAt } = await store.increment(prefix + key, 1, windowMs)
      return { totalHits: value, resetTime: new Date(resetAt) }
    },
    async decrement(key) {
      await store.increment(prefix + key, -1, windowMs)
    },
    async resetKey(key) {
      await store.delete(prefix + key)
    },
  }
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windowSeconds = Math.ceil(options.windowMs / 1000)
  const what = options.what ?? 'requests to the course AI proxy'
  const limiter = rateLimiter<RateLimitEnv>({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: options.headers === false ? false : 'draft-6',
    keyGenerator: options.clientKey,
    store: limiterStore(options.store, `rl:${options.prefix ?? 'ai'}:`),
    // CORS preflights are answered before this middleware; anything else counts.
    skip: (c) => c.req.method === 'OPTIONS' || (options.skip?.(c) ?? false),
    handler: (c) => {
      const info = c.get('rateLimit')
      const wait = info?.resetTime
        ? Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
        : windowSeconds
      return c.json(
        openAiError(
          `Rate limit reached: at most ${options.limit} ${what} per ${windowSeconds} s from one client. ` +
            `Try again in ${wait} s.`,
          'requests',
          'rate_limit_exceeded',
        ),
        429,
      )
    },
  })
  return async function rateLimit(c, next) {
    return limiter(c, next)
  }
}
