// Runs the app under Node (`npm run dev`). In the course's browser runtime this file is not
// used: the runtime sends each request straight to the app's `fetch`.
// The AI proxy is the course server's: start the course (`npm start` in the course repository,
// port 4321) or set COURSE_ORIGIN to where it runs.
import { serve } from '@hono/node-server'
import app from './app.ts'
import { COURSE_ORIGIN } from './course-origin.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(
    `Listening on http://localhost:${info.port}/summary and /ask (POST), AI proxy at ${COURSE_ORIGIN}/api/openai/v1`,
  )
})
