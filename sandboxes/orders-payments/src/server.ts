// Runs both services under Node (`npm run dev`): orders on PORT (3000), payments on PORT + 1.
// fetch('http://payments/…') is sent to the payments app, as docker compose's service names
// would resolve; in the course's browser runtime the runtime does this routing.
import { serve } from '@hono/node-server'
import orders from './orders.ts'
import payments from './payments.ts'

const apps: Record<string, { fetch(request: Request): Response | Promise<Response> }> = { orders, payments }
const networkFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const request = new Request(input, init)
  const { protocol, hostname, port } = new URL(request.url)
  const app = protocol === 'http:' && !port ? apps[hostname] : undefined
  return app ? Promise.resolve(app.fetch(request)) : networkFetch(request)
}

const port = Number(process.env.PORT ?? 3000)
serve({ fetch: orders.fetch, port }, (info) => console.log(`orders on http://localhost:${info.port}/orders`))
serve({ fetch: payments.fetch, port: port + 1 }, (info) =>
  console.log(`payments on http://localhost:${info.port}/charge`),
)
