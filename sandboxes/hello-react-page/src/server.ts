// Runs the app under Node (`npm run dev`, from this folder). It adds /vendor/ (React for the
// page), which the course's browser runtime provides by itself; there this file is not used.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import app from './app.ts'
import { vendorRoutes } from './vendor.ts'

const port = Number(process.env.PORT ?? 3000)
const server = new Hono()
server.route('/', await vendorRoutes(['react', 'react-dom/client']))
server.route('/', app)

serve({ fetch: server.fetch, port }, (info) => {
  console.log(`Open http://localhost:${info.port}/`)
})
