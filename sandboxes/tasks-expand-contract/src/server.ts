// Runs the app under Node (`npm run dev`). In the course's browser runtime this file is not
// used: the runtime creates the database and sends each request straight to the app's `fetch`.
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import app from './app.ts'
import { db } from './db.ts'

// Without PGDATA the database is in memory and new at every start: create the tables and rows.
if (!process.env.PGDATA) {
  for (const file of ['db/schema.sql', 'db/seed.sql']) await db.exec(readFileSync(file, 'utf8'))
}

const port = Number(process.env.PORT ?? 3000)
serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Listening on http://localhost:${info.port}`)
})
