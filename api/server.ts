/** Node entry: `npm start` runs this after the build. */
import { serve } from '@hono/node-server'
import { ConfigError, readServerConfig } from './config.ts'
import { createSite } from './site.ts'

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
  const app = createSite({ distDir: config.distDir, env: process.env })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address
    console.log(`Course running at http://${host}:${info.port}/`)
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') console.error(`Port ${config.port} is in use: stop the other server or set PORT.`)
    else console.error(err.message)
    process.exit(1)
  })

  const shutdown = (signal: string) => {
    console.log(`${signal} received, closing the server.`)
    server.close(() => process.exit(0))
    // Keep-alive connections may hold close() open; do not hang a deploy forever.
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main()
