/**
 * Starts a throwaway redis-server for tests (no persistence, loopback only, ports
 * 6390–6399) and stops it again. The Redis tests need the real server: CI installs it
 * (Debian's redis-server); locally, SKIP_REDIS_TESTS=1 skips them instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

export const skipRedisTests = process.env.SKIP_REDIS_TESTS === '1'

export interface TestRedis {
  url: string
  port: number
  stop(): Promise<void>
  /** Kills the server at once (SIGKILL, like a crash), then `restart()` brings it back on the same port. */
  crash(): Promise<void>
  restart(): Promise<void>
}

export interface RedisOptions {
  /** Keep the data across a crash: an append-only file in this folder, written on every change. */
  persistDir?: string
}

export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' })
  return !probe.error && probe.status === 0
}

function startOn(port: number, options: RedisOptions = {}): Promise<ChildProcess> {
  const persistence = options.persistDir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.persistDir]
    : ['--appendonly', 'no']
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    const onData = (data: Buffer) => {
      output += data.toString()
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`redis-server on port ${port} exited with ${code}: ${output.slice(-300)}`)),
    )
  })
}

export async function startRedis(
  ports: readonly number[] = [6390, 6391, 6392, 6393, 6394, 6395, 6396, 6397, 6398, 6399],
  options: RedisOptions = {},
): Promise<TestRedis> {
  if (!redisServerInstalled()) {
    throw new Error(
      'redis-server is not installed, and these tests need a real Redis: install it (apt-get install -y redis-server) ' +
        'or set SKIP_REDIS_TESTS=1 to skip them.',
    )
  }
  let lastError: unknown
  for (const port of ports) {
    try {
      let child = await startOn(port, options)
      const end = (signal: NodeJS.Signals) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill(signal)
        })
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => end('SIGTERM'),
        crash: () => end('SIGKILL'),
        restart: async () => {
          child = await startOn(port, options)
        },
      }
    } catch (err) {
      lastError = err // most likely the port is taken; try the next one
    }
  }
  throw new Error(`Could not start redis-server on any of ports ${ports.join(', ')}: ${String(lastError)}`)
}
