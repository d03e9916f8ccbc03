/**
 * The course's own API (AI proxy in offline demo mode) on a loopback port, for
 * `npm run check:sandboxes`: sandboxes that call the AI (ai-hello) are checked against the same
 * proxy, and the same demo model, that they reach in the browser. COURSE_ORIGIN tells their
 * src/course-origin.ts where it is.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApi } from '../api/app.ts'

export async function startCourseApiForChecks(): Promise<{ origin: string; close(): void }> {
  // No OPENAI_API_KEY: the offline demo model answers; no pauses between streamed pieces.
  const api = createApi({ env: {}, ai: { logger: () => {}, demoChunkDelayMs: 0 } })
  const app = new Hono().route('/api', api)
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      const origin = `http://127.0.0.1:${info.port}`
      process.env.COURSE_ORIGIN = origin
      resolve({ origin, close: () => server.close() })
    })
    server.once('error', reject)
  })
}
