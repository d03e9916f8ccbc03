/**
 * At most `limit` requests in flight per client on this instance: a streamed answer counts
 * until its stream ends, so a client cannot hold hundreds of upstream streams open by
 * reading them slowly. Counted in memory (one count per instance, like its sockets); an
 * OpenAI-shaped 429 that the SDK retries after Retry-After.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { openAiError } from '../errors.ts'
import type { RequestLogEnv } from '../request-log/request-log.ts'

export interface InFlightLimitOptions {
  limit: number
  clientKey: (c: Context) => string
}

export function inFlightLimit(options: InFlightLimitOptions): MiddlewareHandler<RequestLogEnv> {
  const inFlight = new Map<string, number>()
  const release = (key: string) => {
    const left = (inFlight.get(key) ?? 1) - 1
    if (left <= 0) inFlight.delete(key)
    else inFlight.set(key, left)
  }
  return async function inFlightLimit(c, next) {
    if (c.req.method === 'OPTIONS' || c.req.method === 'GET') return next()
    const key = options.clientKey(c)
    const count = inFlight.get(key) ?? 0
    if (count >= options.limit) {
      return c.json(
        openAiError(
          `Too many requests at once: at most ${options.limit} requests to the course AI proxy may be open at a time ` +
            'from one client. Wait for one to finish (or close a stream you no longer read).',
          'requests',
          'too_many_concurrent_requests',
        ),
        429,
        { 'Retry-After': '1' },
      )
    }
    inFlight.set(key, count + 1)
    let streaming = false
    try {
      await next()
      const finished = c.get('requestLog')?.finished
      if (finished) {
        streaming = true
        void finished.finally(() => release(key))
      }
    } finally {
      if (!streaming) release(key)
    }
  }
}
