/** The Node entry as an operator runs it: real process, real port, signals and bad config. */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { beforeAll, describe, expect, it } from 'vitest'

let dist: string

beforeAll(() => {
  dist = join(mkdtempSync(join(tmpdir(), 'server-test-')), 'dist')
  mkdirSync(dist)
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Home</title>')
  writeFileSync(join(dist, '404.html'), '<!doctype html><title>Not found</title>')
})

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['api/server.ts'], {
    env: { ...process.env, DIST_DIR: dist, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  return { child, exited, output: () => output }
}

describe('api/server.ts', () => {
  it('serves the site and the API, then closes cleanly on SIGTERM', async () => {
    const port = await freePort()
    const server = start({ PORT: String(port) })
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status, { timeout: 15_000 })
      .toBe(200)
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<title>Home</title>')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('SIGTERM received')
  })

  it('refuses a bad PORT with a message naming it', async () => {
    const server = start({ PORT: 'eighty' })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain('Configuration error: PORT must be a whole number')
    expect(server.output()).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('says which port is taken instead of crashing with a stack trace', async () => {
    const blocker = createServer().listen(0, '127.0.0.1')
    await once(blocker, 'listening')
    const { port } = blocker.address() as { port: number }
    const server = start({ PORT: String(port) })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain(`Port ${port} is in use`)
    blocker.close()
  })
})
