/** `GET /api/health`: liveness for load balancers and uptime checks. */
import { Hono } from 'hono'
import { version } from '../version.ts'

export interface HealthOptions {
  /** Extra facts other modules report (e.g. which AI mode is active). */
  details?: () => Record<string, unknown>
}

export function healthRoutes(options: HealthOptions = {}) {
  const app = new Hono()
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'ok', version, ...options.details?.() })
  })
  return app
}
