// Starts a real HTTP server with Node (`npm run dev`). The browser runtime does not use this
// file: it sends each request straight to the app's `fetch`.
import { serve } from '@hono/node-server'
import app from './app.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Listening on http://localhost:${info.port} (try /hello?name=Ada and /where)`)
})
