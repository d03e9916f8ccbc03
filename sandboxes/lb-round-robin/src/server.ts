// Runs the app under Node (`npm run dev`). In the course's browser runtime this file is not
// used: the runtime sends each request straight to the app's `fetch`.
import { serve } from '@hono/node-server'
import app from './app.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Listening on http://localhost:${info.port}/login (POST)`)
})
