import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { MemoryCounterStore } from '../counter-store/counter-store.ts'
import { rateLimit } from './rate-limit.ts'

function limitedApp(limit: number) {
  const app = new Hono()
  const store = new MemoryCounterStore()
  app.use(rateLimit({ store, limit, windowMs: 30_000, clientKey: (c) => c.req.header('x-client') ?? 'anon' }))
  app.get('/', (c) => c.text('ok'))
  return app
}

describe('rateLimit', () => {
  it('lets `limit` requests through per client, then answers an OpenAI-shaped 429', async () => {
    const app = limitedApp(2)
    const get = (client: string) => app.request('/', { headers: { 'x-client': client } })
    expect((await get('a')).status).toBe(200)
    const second = await get('a')
    expect(second.headers.get('ratelimit-remaining')).toBe('0')
    const third = await get('a')
    expect(third.status).toBe(429)
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(third.headers.get('ratelimit-policy')).toBe('2;w=30')
    const body = (await third.json()) as { error: { type: string; code: string; message: string } }
    expect(body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' })
    expect(body.error.message).toContain('at most 2')
    // Another client has its own allowance.
    expect((await get('b')).status).toBe(200)
  })

  it('does not count CORS preflights', async () => {
    const app = limitedApp(1)
    for (let i = 0; i < 3; i++) await app.request('/', { method: 'OPTIONS' })
    expect((await app.request('/')).status).toBe(200)
  })
})
