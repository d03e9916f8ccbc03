/** The Node entry as an operator runs it: real process, real port, signals and bad config. */
import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../api/testing/free-port.ts'

let dist: string

beforeAll(() => {
  dist = join(mkdtempSync(join(tmpdir(), 'server-test-')), 'dist')
  mkdirSync(dist)
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Home</title>')
  writeFileSync(join(dist, '404.html'), '<!doctype html><title>Not found</title>')
})

/** A GET with the Host header a browser would send for `host` (fetch cannot set Host). */
function getWithHost(port: number, host: string, path: string) {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    body: string
  }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['server/server.ts'], {
    env: { ...process.env, DIST_DIR: dist, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  return { child, exited, output: () => output }
}

/** Waits until the server on `port` answers its health check. */
async function healthy(port: number) {
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status, {
      timeout: 15_000,
    })
    .toBe(200)
}

describe('server/server.ts', () => {
  it('serves the site and the API, then closes cleanly on SIGTERM', async () => {
    const port = await freePort()
    const server = start({ PORT: String(port) })
    await healthy(port)
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<title>Home</title>')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('SIGTERM received')
  })

  it('on SIGTERM still answers a connection accepted before it whose request arrives after it', async () => {
    const port = await freePort()
    const server = start({ PORT: String(port) })
    await healthy(port)
    // As nginx does: connect, then send the request; the signal lands in between.
    const socket = connect(port, '127.0.0.1')
    await once(socket, 'connect')
    await new Promise((resolve) => setTimeout(resolve, 200)) // accepted by the server by now
    server.child.kill('SIGTERM')
    await expect.poll(() => server.output()).toContain('SIGTERM received')
    let answer = ''
    socket.on('data', (d: Buffer) => (answer += d.toString()))
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    await once(socket, 'close')
    expect(answer).toMatch(/^HTTP\/1\.1 200/)
    expect(await server.exited).toBe(0)
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

  it('serves both origins on one port when SANDBOX_ORIGIN names its own host, and refuses other hosts', async () => {
    const port = await freePort()
    const server = start({
      PORT: String(port),
      SANDBOX_ORIGIN: `http://sandbox.localhost:${port}`,
      COURSE_ORIGIN: `http://course.localhost:${port}`,
    })
    await healthy(port)
    expect(server.output()).toContain('routed by Host')
    const page = await getWithHost(port, `course.localhost:${port}`, '/')
    expect(page.body).toContain('<title>Home</title>')
    expect(page.headers['content-security-policy']).toContain(
      `frame-src 'self' http://sandbox.localhost:${port}`,
    )
    const config = await getWithHost(port, `course.localhost:${port}`, '/api/runtime-config')
    expect(JSON.parse(config.body)).toMatchObject({ sandboxOrigin: `http://sandbox.localhost:${port}` })
    // The sandbox origin's app (this test's dist has no sandbox build, so it says how to build one).
    const runner = await getWithHost(port, `sandbox.localhost:${port}`, '/runner.html')
    expect(runner.status).toBe(503)
    expect(runner.headers['origin-agent-cluster']).toBe('?1')
    expect(runner.body).toMatch(/sandbox runtime is not built/)
    const stranger = await getWithHost(port, `evil.example:${port}`, '/')
    expect(stranger.status).toBe(421)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })
  it('gives each client address its own rate-limit bucket (the socket address reaches the API)', async () => {
    const port = await freePort()
    const server = start({ PORT: String(port), AI_RATE_LIMIT: '2', AI_RATE_LIMIT_WINDOW_SECONDS: '60' })
    await healthy(port)
    // Two loopback addresses are two clients, as two machines would be.
    const ask = (localAddress: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            localAddress,
            method: 'POST',
            path: '/api/openai/v1/chat/completions',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    expect([await ask('127.0.0.2'), await ask('127.0.0.2'), await ask('127.0.0.2')]).toEqual([200, 200, 429])
    // Before the Node bindings were passed on, every client shared the bucket "unknown".
    expect(await ask('127.0.0.3')).toBe(200)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })
})
