// Runs the test report under Node (`npm run dev`): open http://localhost:3000/ to run the tests.
import { serve } from '@hono/node-server'
import app from './app.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Test report on http://localhost:${info.port}/`)
})
