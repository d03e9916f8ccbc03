/**
 * Problem Details for HTTP APIs (RFC 9457, which replaced RFC 7807): one machine-readable
 * error format. `type` is a URI naming the kind of problem (documentation lives there),
 * `title` a short summary that is the same for every occurrence, `status` the HTTP status,
 * `detail` this occurrence in words, `instance` which request it was. Extra members
 * ("extensions") such as `errors` carry the specifics.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface Problem {
  type?: string
  title: string
  status: ContentfulStatusCode
  detail?: string
  instance?: string
  [extension: string]: unknown
}

export const PROBLEM_TYPES = 'https://bookings.example/problems/'

export function problem(c: Context, body: Problem): Response {
  return c.body(JSON.stringify({ type: 'about:blank', instance: c.req.path, ...body }), body.status, {
    'Content-Type': 'application/problem+json',
  })
}
