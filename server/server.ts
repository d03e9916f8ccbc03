/**
 * Node entry: `npm start` runs this after the build. One process serving two origins: the
 * course (site + API) and the sandbox origin, where learner code runs (server/sandbox-origin.ts).
 * By default they are two ports, PORT and SANDBOX_PORT; when SANDBOX_ORIGIN names a host of
 * its own they share PORT and are told apart by the Host header (server/host-routing.ts).
 */
import { serve, type ServerType } from '@hono/node-server'
import { ConfigError, readServerConfig, sandboxOriginWarnings } from '../api/config.ts'
import { hostRoutes, routeByHost } from './host-routing.ts'
import { createSandboxOrigin, sandboxFrameOrigins } from './sandbox-origin.ts'
import { createSite } from './site.ts'

/** `env` carries @hono/node-server's bindings (the Node request, its socket address): pass it on. */
type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>

function main() {
  let config
  try {
    config = readServerConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const { sandbox } = config
  for (const warning of sandboxOriginWarnings(sandbox, config.host)) console.warn(`Warning: ${warning}`)
  const site = createSite({
    distDir: config.distDir,
    env: process.env,
    sandbox,
    frameOrigins: sandboxFrameOrigins(sandbox, config.host),
  })
  // `env` must reach the API: per-client rate limits, budgets and tokens key on the socket address.
  const fetchCourse: Fetch = (request, env) => site.fetch(request, env)
  const sandboxApp = createSandboxOrigin({ dir: sandbox.distDir, courseOrigins: sandbox.courseOrigins })

  const listen = (fetch: Fetch, port: number, setting: string, started: (url: string) => string) => {
    const server = serve({ fetch, port, hostname: config.host }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address
      console.log(started(`http://${host}:${info.port}/`))
    })
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        console.error(`Port ${port} is in use (${setting}): stop the other server or set ${setting}.`)
      else console.error(err.message)
      process.exit(1)
    })
    return server
  }

  const servers: ServerType[] = []
  if (sandbox.routedByHost) {
    const routes = hostRoutes(sandbox)
    const fetch = routeByHost({ routes, course: fetchCourse, sandbox: sandboxApp.fetch })
    servers.push(
      listen(
        fetch,
        config.port,
        'PORT',
        (url) =>
          `Course running at ${url} for ${sandbox.courseOrigins.join(', ')}; sandboxes on the same port for ${sandbox.origin} (routed by Host)`,
      ),
    )
  } else {
    servers.push(listen(fetchCourse, config.port, 'PORT', (url) => `Course running at ${url}`))
    servers.push(
      listen(
        sandboxApp.fetch,
        sandbox.port,
        'SANDBOX_PORT',
        (url) => `Sandboxes running at ${url} (the sandbox origin)`,
      ),
    )
  }

  const shutdown = (signal: string) => {
    console.log(`${signal} received, closing the server.`)
    let open = servers.length
    for (const server of servers) server.close(() => --open === 0 && process.exit(0))
    // Keep-alive connections may hold close() open; do not hang a deploy forever.
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main()
