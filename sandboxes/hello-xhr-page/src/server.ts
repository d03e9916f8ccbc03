// Runs the app under Node (`npm run dev`, from this folder: serveStatic reads ./public
// relative to it). In the course's browser runtime this file is not used.
import { serve } from '@hono/node-server'
import app from './app.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Open http://localhost:${info.port}/`)
})
