/**
 * What the browser benches share: the production server started on a port of its own (the
 * sandbox origin on the next), the Chromium to drive, and the median they print.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { findChromium } from '../scripts/machine/browsers.ts'

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
export const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`

/** Debian's Chromium (or CHROMIUM_PATH); exits with a message when there is none. */
export function chromiumOrExit(): string {
  const executablePath = findChromium()
  if (!executablePath) {
    console.error('No Chromium found (Debian: apt-get install chromium, or set CHROMIUM_PATH).')
    process.exit(1)
  }
  return executablePath
}

/** `node server/server.ts` serving `dist` on `port`, once /api/health answers. */
export async function startServer(port: number, dist: string): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['server/server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DIST_DIR: dist },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout!.on('data', (d) => (output += d))
  server.stderr!.on('data', (d) => (output += d))
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return server
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill()
  throw new Error(`the server did not start on ${port}:\n${output}`)
}
