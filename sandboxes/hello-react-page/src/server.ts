// Runs the app under Node (`npm run dev`, from this folder). It adds what a dev server does for
// the page (React at /vendor/, JSX transpiled, an import map), which the course's browser
// runtime provides by itself; there this file is not used.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import app from './app.ts'
import { devAssets } from './dev-assets.ts'

const port = Number(process.env.PORT ?? 3000)
const server = new Hono()
server.use('*', await devAssets(['react', 'react/jsx-runtime', 'react-dom/client']))
server.route('/', app)

serve({ fetch: server.fetch, port }, (info) => {
  console.log(`Open http://localhost:${info.port}/`)
})
