// Node entry: validate the configuration, serve, and shut down gracefully on SIGTERM/SIGINT.
import { serve } from '@hono/node-server'
import { createApp, type Lifecycle } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'

let config: Config
try {
  config = loadConfig(process.env)
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message) // the message, not a stack trace: the fix is in the environment
  process.exit(1)
}

const lifecycle: Lifecycle = { draining: false }
const app = createApp(config, lifecycle)

const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
  console.log(
    JSON.stringify({ level: 'info', msg: 'listening', port: info.port, logLevel: config.LOG_LEVEL }),
  )
})

function shutdown(signal: string) {
  if (lifecycle.draining) return
  lifecycle.draining = true // 1. readiness fails: the load balancer stops sending new requests
  console.log(JSON.stringify({ level: 'info', msg: 'draining', signal }))
  // A deadline, in case a request never finishes.
  setTimeout(() => {
    console.error(JSON.stringify({ level: 'error', msg: 'shutdown took too long, exiting' }))
    process.exit(1)
  }, config.SHUTDOWN_GRACE_MS).unref()
  setTimeout(() => {
    // 2. stop accepting connections; close() waits for requests in flight, then calls back.
    server.close(() => {
      console.log(JSON.stringify({ level: 'info', msg: 'stopped' }))
      process.exit(0) // 3. nothing left: exit cleanly
    })
  }, config.DRAIN_DELAY_MS)
}

process.on('SIGTERM', () => shutdown('SIGTERM')) // what Docker, Kubernetes and most platforms send
process.on('SIGINT', () => shutdown('SIGINT')) // Ctrl+C in a terminal
