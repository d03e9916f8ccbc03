/**
 * Node entry: `npm start` runs this after the build. One process, two ports: the course on
 * PORT and the sandbox origin, where learner code runs, on SANDBOX_PORT (api/sandbox-origin.ts).
 */
import { serve } from '@hono/node-server'
import { ConfigError, readSandboxConfig, readServerConfig } from './config.ts'
import {
  createSandboxOrigin,
  RUNTIME_CONFIG_PATH,
  runtimeConfigRoute,
  sandboxFrameOrigins,
} from './sandbox-origin.ts'
import { createSite } from './site.ts'

function main() {
  let config
  let sandbox
  try {
    config = readServerConfig(process.env)
    sandbox = readSandboxConfig(process.env, config)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const site = createSite({
    distDir: config.distDir,
    env: process.env,
    frameOrigins: sandboxFrameOrigins(sandbox, config.host),
  })
  const runtimeConfig = runtimeConfigRoute(sandbox)
  const fetchCourse = (request: Request) =>
    new URL(request.url).pathname === RUNTIME_CONFIG_PATH ? runtimeConfig.fetch(request) : site.fetch(request)
  const server = serve({ fetch: fetchCourse, port: config.port, hostname: config.host }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address
    console.log(`Course running at http://${host}:${info.port}/`)
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') console.error(`Port ${config.port} is in use: stop the other server or set PORT.`)
    else console.error(err.message)
    process.exit(1)
  })

  const sandboxApp = createSandboxOrigin({ dir: sandbox.distDir, courseOrigins: sandbox.courseOrigins })
  const sandboxServer = serve(
    { fetch: sandboxApp.fetch, port: sandbox.port, hostname: config.host },
    (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address
      console.log(`Sandboxes running at http://${host}:${info.port}/ (the sandbox origin)`)
    },
  )
  sandboxServer.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      console.error(
        `Port ${sandbox.port} (SANDBOX_PORT) is in use: stop the other server or set SANDBOX_PORT.`,
      )
    else console.error(err.message)
    process.exit(1)
  })

  const shutdown = (signal: string) => {
    console.log(`${signal} received, closing the server.`)
    sandboxServer.close()
    server.close(() => process.exit(0))
    // Keep-alive connections may hold close() open; do not hang a deploy forever.
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main()
