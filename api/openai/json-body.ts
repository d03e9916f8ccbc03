/**
 * Reads a request body as a JSON object before validation, with the answers an SDK user
 * needs: 415 for a body that is not JSON, 400 for JSON that does not parse, is not an
 * object or nests deeper than any real request does. The parsed body is cached by Hono,
 * so the zod validator that runs next does not parse it again.
 */
import type { MiddlewareHandler } from 'hono'
import { ProxyError } from './proxy-error.ts'

export interface JsonBodyOptions {
  /** Deepest nesting accepted; tool parameter schemas are the deepest legitimate part. */
  maxDepth?: number
}

/** Depth of nested arrays and objects, without recursion (a hostile body must not overflow the stack). */
export function nestingDepth(value: unknown, stopAt: number): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth > deepest) deepest = depth
    if (deepest > stopAt) return deepest
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return deepest
}

export function jsonBody(options: JsonBodyOptions = {}): MiddlewareHandler {
  const maxDepth = options.maxDepth ?? 32
  return async function jsonBody(c, next) {
    const contentType = c.req.header('content-type')
    const [mediaType = '', ...params] = (contentType ?? '')
      .split(';')
      .map((part) => part.trim().toLowerCase())
    if (mediaType !== 'application/json') {
      throw new ProxyError(
        415,
        contentType
          ? `Unsupported Content-Type "${contentType.slice(0, 100)}": send the body as JSON with Content-Type: application/json.`
          : 'The request has no Content-Type: send the body as JSON with Content-Type: application/json.',
        { code: 'unsupported_media_type' },
      )
    }
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '')
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ProxyError(415, `Unsupported charset "${charset.slice(0, 40)}": JSON bodies must be UTF-8.`, {
        code: 'unsupported_media_type',
      })
    }
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      throw new ProxyError(
        400,
        'We could not parse the JSON body of your request. The proxy expects a JSON object such as ' +
          '{"model":"…","messages":[…]}; check for a trailing comma, a missing quote or an unescaped character.',
        { code: 'invalid_json' },
      )
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ProxyError(
        400,
        `The request body must be a JSON object, got ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}.`,
        {
          code: 'invalid_json',
        },
      )
    }
    if (nestingDepth(body, maxDepth) > maxDepth) {
      throw new ProxyError(
        400,
        `The request body nests deeper than ${maxDepth} levels; no model request needs that.`,
        {
          code: 'nesting_too_deep',
        },
      )
    }
    await next()
  }
}
