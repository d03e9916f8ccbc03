import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApi } from './app.ts'
import { readSandboxConfig } from './config.ts'
import { sandboxOriginFor } from './runtime-config.ts'

describe('where course pages find the sandbox origin', () => {
  it('uses SANDBOX_ORIGIN when set', () => {
    expect(
      sandboxOriginFor('http://127.0.0.1:4321/lesson', { port: 4322, origin: 'https://sandbox.example' }),
    ).toBe('https://sandbox.example')
  })

  it('otherwise the course page’s own host on SANDBOX_PORT (same-site, so frames may use storage)', () => {
    expect(sandboxOriginFor('http://127.0.0.1:4321/x', { port: 4322 })).toBe('http://127.0.0.1:4322')
    expect(sandboxOriginFor('http://localhost:4321/x', { port: 4322 })).toBe('http://localhost:4322')
    expect(sandboxOriginFor('https://course.lan:4321/x', { port: 4322 })).toBe('https://course.lan:4322')
  })
})

describe('GET /api/runtime-config', () => {
  const api = (options: Parameters<typeof createApi>[0]) => new Hono().route('/api', createApi(options))

  it('answers the origin and deadline, uncached', async () => {
    const res = await api({ env: {} }).request('http://127.0.0.1:4321/api/runtime-config')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ sandboxOrigin: 'http://127.0.0.1:4322', requestTimeoutMs: 5000 })
  })

  it('follows the sandbox settings it is given, for the port the course really listens on', async () => {
    const env = { SANDBOX_TIMEOUT_MS: '1500' }
    const sandbox = readSandboxConfig(env, { port: 4400, host: '127.0.0.1', distDir: 'dist' })
    const res = await api({ env, sandbox }).request('http://localhost:4400/api/runtime-config')
    expect(await res.json()).toEqual({ sandboxOrigin: 'http://localhost:4401', requestTimeoutMs: 1500 })
  })
})
