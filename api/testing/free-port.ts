/**
 * A port on 127.0.0.1 that nothing listens on right now, for a test server of its own (the
 * kernel picks it; it is free again once this returns, so another process could take it
 * first, which on loopback in a test run is rare enough to be a clear failure, not a flake).
 */
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
