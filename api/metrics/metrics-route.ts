/**
 * GET /api/metrics: the process's metrics for Prometheus. Not public: with no METRICS_TOKEN it
 * answers 404 saying how to turn it on; with one, only `Authorization: Bearer <token>` gets
 * the metrics (compared in constant time by hono's bearerAuth). Behind the shipped nginx
 * config the path is not reachable from outside at all; Prometheus scrapes each instance.
 */
import { Hono } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { openAiError } from '../errors.ts'
import type { CourseMetrics } from './metrics.ts'
import { setAnswerHeader } from '../response-headers.ts'

export interface MetricsRouteOptions {
  metrics: CourseMetrics
  /** METRICS_TOKEN; unset: metrics are off. */
  token: string | undefined
}

export function metricsRoute(options: MetricsRouteOptions) {
  const app = new Hono()
  app.use(async function noStore(c, next) {
    await next()
    setAnswerHeader(c, 'Cache-Control', 'no-store')
  })
  const { token } = options
  if (!token) {
    app.get('/', (c) =>
      c.json(
        openAiError(
          'Metrics are off on this server: set METRICS_TOKEN (at least 16 characters) and send it as "Authorization: Bearer <token>".',
          'invalid_request_error',
          'metrics_disabled',
        ),
        404,
      ),
    )
    return app
  }
  const refused = (message: string, code: string) => openAiError(message, 'invalid_request_error', code)
  app.use(
    bearerAuth({
      token,
      realm: 'metrics',
      noAuthenticationHeader: {
        message: refused('Send the metrics token as "Authorization: Bearer <token>".', 'unauthorized'),
      },
      invalidAuthenticationHeader: {
        message: refused('The Authorization header must be "Bearer <token>".', 'unauthorized'),
      },
      invalidToken: { message: refused('That is not the metrics token (METRICS_TOKEN).', 'unauthorized') },
    }),
  )
  app.get('/', async (c) => {
    const { body, contentType } = await options.metrics.render()
    return c.body(body, 200, { 'Content-Type': contentType })
  })
  return app
}
