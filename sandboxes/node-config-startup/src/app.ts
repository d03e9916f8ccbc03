import { Hono } from 'hono'
import { loadConfig, type Config } from './config.ts'

/** What the server tells the app while it runs: set when a shutdown starts. */
export interface Lifecycle {
  draining: boolean
}

export function createApp(config: Config, lifecycle: Lifecycle = { draining: false }) {
  const app = new Hono()

  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', (c) =>
    lifecycle.draining ? c.json({ status: 'draining' }, 503) : c.json({ status: 'ready' }),
  )

  // A slow request, so you can watch a shutdown wait for it (curl it, then press Ctrl+C).
  app.get('/tasks/report', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    return c.json({ open: 3, done: 1 })
  })

  // Never echo secrets: the database URL may hold a password.
  app.get('/config', (c) =>
    c.json({ logLevel: config.LOG_LEVEL, database: new URL(config.DATABASE_URL).host }),
  )

  return app
}

// The app with every default, as tests and the course's checks build it.
export default createApp(loadConfig({ DATABASE_URL: 'postgres://localhost:5432/tasks' }))
