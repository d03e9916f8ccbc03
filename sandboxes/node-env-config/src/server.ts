import { serve } from '@hono/node-server'
import app from './app.ts'
import { readConfig } from './config.ts'

const config = readConfig()

serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`${config.appName} (${config.environment}) listening on http://localhost:${info.port}`)
})
