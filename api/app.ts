/**
 * The API served under `/api`, the same app in production (`api/server.ts`) and in
 * `astro dev` (mounted by the dev integration in astro.config.mjs).
 */
import { Hono } from 'hono'
import { healthRoutes } from './health/health.ts'
import { openAiError } from './errors.ts'

export interface ApiOptions {
  env?: Record<string, string | undefined>
}

export function createApi(_options: ApiOptions = {}) {
  const api = new Hono()
  api.route('/health', healthRoutes())
  // Keep last: a catch-all rather than notFound(), because a sub-app's notFound is not used
  // when it is mounted with route() (the site mounts this app at /api).
  api.all('*', (c) =>
    c.json(openAiError(`No API route ${c.req.method} ${c.req.path}.`, 'invalid_request_error', 'not_found'), 404),
  )
  api.onError((err, c) => {
    // Never a stack trace to the client; the operator's log gets the detail.
    console.error(JSON.stringify({ level: 'error', msg: 'api error', path: c.req.path, error: String(err) }))
    return c.json(openAiError('The server hit an unexpected error.', 'server_error', 'internal_error'), 500)
  })
  return api
}
