// Runs the four services under Node (`npm run dev`): the balancer on PORT (3000), the others on
// the next ports. fetch('http://instance-a/…') is sent to that app, as docker compose's service
// names would resolve; in the course's browser runtime the runtime does this routing.
import { serve } from '@hono/node-server'
import balancer from './balancer.ts'
import instanceA from './instance-a.ts'
import instanceB from './instance-b.ts'
import sessions from './sessions.ts'

const apps: Record<string, { fetch(request: Request): Response | Promise<Response> }> = {
  balancer,
  'instance-a': instanceA,
  'instance-b': instanceB,
  sessions,
}
const networkFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const request = new Request(input, init)
  const { protocol, hostname, port } = new URL(request.url)
  const app = protocol === 'http:' && !port ? apps[hostname] : undefined
  return app ? Promise.resolve(app.fetch(request)) : networkFetch(request)
}

const port = Number(process.env.PORT ?? 3000)
Object.values(apps).forEach((app, i) =>
  serve({ fetch: app.fetch, port: port + i }, (info) =>
    console.log(`${Object.keys(apps)[i]} on http://localhost:${info.port}/`),
  ),
)
