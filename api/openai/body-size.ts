/**
 * The request-body size limit: hono/body-limit, with its Content-Length rule applied first
 * without touching `c.req.raw.body`. On @hono/node-server, reading `.body` turns the request
 * into a web ReadableStream, which cost more CPU than all the rest of a proxied request in
 * bench/ai-proxy; without it, the JSON body is read straight from Node's request. A body
 * without Content-Length (chunked) is counted by hono's bodyLimit as it arrives.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

export interface BodySizeOptions {
  maxSize: number
  onError: (c: Context) => Response | Promise<Response>
}

export function bodySize(options: BodySizeOptions): MiddlewareHandler {
  const counted = bodyLimit(options)
  return async function bodySize(c, next) {
    const length = c.req.header('content-length')
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      // Node's HTTP parser never delivers more bytes than Content-Length announces.
      return Number(length) > options.maxSize ? options.onError(c) : next()
    }
    return counted(c, next)
  }
}
