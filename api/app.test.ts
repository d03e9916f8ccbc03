import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApi } from './app.ts'
import { readSandboxConfig } from './config.ts'

describe('the API of a course on a port other than PORT (npm run dev -- --port 4400)', () => {
  // What astro.config.mjs does: PORT is unset, the dev server's real port is known once it listens.
  const env = {}
  const sandbox = readSandboxConfig(env, { port: 4400, host: '127.0.0.1', distDir: 'dist' })
  const app = new Hono().route(
    '/api',
    createApi({ env, sandbox, ai: { logger: () => {}, demoChunkDelayMs: 0 } }),
  )
  const course = 'http://127.0.0.1:4400'

  it('lets learner code on the sandbox origin it announces call the AI proxy', async () => {
    const config = await app.request(`${course}/api/runtime-config`)
    const { sandboxOrigin } = (await config.json()) as { sandboxOrigin: string }
    expect(sandboxOrigin).toBe('http://127.0.0.1:4401')
    const res = await app.request(`${course}/api/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: sandboxOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(sandboxOrigin)
  })

  it('still refuses the port PORT would give (nothing is served there)', async () => {
    const res = await app.request(`${course}/api/openai/v1/models`, {
      headers: { origin: 'http://127.0.0.1:4322' },
    })
    expect(res.status).toBe(403)
  })
})
