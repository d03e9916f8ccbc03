// Serves the Express version by default; FRAMEWORK=hono (`npm run dev:hono`) serves the Hono one.
import { serve } from '@hono/node-server'
import app from './app.ts'
import { expressApp } from './express-app.ts'

const port = Number(process.env.PORT ?? 3000)

if (process.env.FRAMEWORK === 'hono') {
  serve({ fetch: app.fetch, port }, (info) => console.log(`Hono listening on http://localhost:${info.port}`))
} else {
  expressApp.listen(port, () => console.log(`Express listening on http://localhost:${port}`))
}
