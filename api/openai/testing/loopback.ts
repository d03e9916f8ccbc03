/**
 * Serves a fetch handler on a real 127.0.0.1 port for tests. Each test file has its own
 * ports in 4400–4449 (ai-proxy 4400–4412, bad-input 4413–4418, upstream-faults 4420–4429,
 * key-leak 4435–4439, Redis 4440–4445), so files running in parallel do not race; a taken
 * port is skipped. 4480–4489 belong to bench/ai-proxy.
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

/**
 * Shared by every test file once its own ports are taken (e.g. a CI run and a local run at
 * the same time), so a busy machine slows tests down instead of failing them.
 */
const OVERFLOW_PORTS = Array.from({ length: 30 }, (_, i) => 4450 + i)

export async function listen(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  ports: readonly number[],
): Promise<Loopback> {
  for (const port of new Set([...ports, ...OVERFLOW_PORTS])) {
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
