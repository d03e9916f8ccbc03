/**
 * Serves a fetch handler on a real 127.0.0.1 port for tests and benchmarks. Each caller
 * passes its own small range of ports (4400–4499 here), so test files running in parallel
 * never race for the same one; a taken port is skipped.
 */
import { serve, type ServerType } from '@hono/node-server'

export interface Loopback {
  port: number
  url: string
  close(): Promise<void>
}

function listenOn(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' })
    server.once('listening', () => resolve(server))
    server.once('error', reject)
  })
}

export async function listen(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  ports: readonly number[],
): Promise<Loopback> {
  for (const port of ports) {
    let server: ServerType
    try {
      server = await listenOn(fetch, port)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') continue
      throw err
    }
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          // Streams a test abandoned may hold sockets open; close them so nothing hangs.
          const closable = server as ServerType & { closeAllConnections?: () => void }
          server.close(() => resolve())
          closable.closeAllConnections?.()
        }),
    }
  }
  throw new Error(
    `No free port among ${ports[0]}–${ports.at(-1)}: stop other test servers or pick another range.`,
  )
}

/** Ports `from` … `from + count - 1`. */
export const portRange = (from: number, count = 5) => Array.from({ length: count }, (_, i) => from + i)
