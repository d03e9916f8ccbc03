/**
 * A request id on every request: taken from an incoming `X-Request-Id` (nginx sets it to its
 * own `$request_id`, so both logs share one id) when it is short and plain, generated
 * otherwise, returned as the `X-Request-Id` response header and written on every log line of
 * that request (`request_id`). Hono's requestId middleware, applied once even where both the
 * site and the API it mounts install it.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'

export const REQUEST_ID_HEADER = 'X-Request-Id'

/** The current request's id, when the middleware ran. */
export function requestIdOf(c: Context): string | undefined {
  return (c.var as { requestId?: string }).requestId
}

export function requestIds(): MiddlewareHandler {
  const assign = requestId({ headerName: REQUEST_ID_HEADER, limitLength: 128 })
  return async function requestIds(c, next) {
    if (requestIdOf(c)) return next()
    return assign(c, next)
  }
}
