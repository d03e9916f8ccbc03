/**
 * Redis restarted under a running proxy: while it is down every request
 * fails closed with an OpenAI-shaped 503; once it is back the same proxy process counts again,
 * from the persisted counters, with nothing lost or counted twice. (bench/ai-proxy/redis-restart.ts
 * does the same under load and gives the figures.)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type TestProxy } from '../openai/testing/proxy-server.ts'
import { RedisCounterStore } from './redis-counter-store.ts'
import { skipRedisTests, startRedis, type TestRedis } from './testing/redis-server.ts'

let redis: TestRedis
let counters: RedisCounterStore
let proxy: TestProxy

const ask = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
  max_tokens: 10,
})
const post = () =>
  fetch(`${proxy.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: ask,
  })
const day = () => new Date().toISOString().slice(0, 10)

describe.skipIf(skipRedisTests)('a Redis restart under a running proxy', () => {
  beforeAll(async () => {
    redis = await startRedis([6389, 6388], { persistDir: mkdtempSync(join(tmpdir(), 'redis-restart-')) })
    counters = new RedisCounterStore(redis.url, { prefix: 'restart-test:' })
    proxy = await startProxy({ env: { AI_RATE_LIMIT: '1000' }, ports: [4434], store: counters })
  })

  afterAll(async () => {
    await proxy?.close()
    await counters?.close()
    await redis?.stop()
  })

  it('fails closed while Redis is down and counts on from the same totals once it is back', async () => {
    let spent = 0
    for (let i = 0; i < 3; i++) {
      const res = await post()
      expect(res.status).toBe(200)
      spent += ((await res.json()) as { usage: { total_tokens: number } }).usage.total_tokens
    }
    expect(await counters.get(`budget:${day()}:global`)).toBe(spent)

    await redis.crash()
    const refused = await post()
    expect(refused.status).toBe(503)
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await refused.json()).toMatchObject({
      error: { type: 'server_error', code: 'limits_unavailable', param: null },
    })
    // The server itself is fine: it says so.
    expect((await fetch(`${proxy.url}/api/health`)).status).toBe(200)

    await redis.restart()
    // The same proxy process reconnects by itself.
    await expect
      .poll(
        async () => {
          const res = await post()
          if (res.status === 200)
            spent += ((await res.json()) as { usage: { total_tokens: number } }).usage.total_tokens
          return res.status
        },
        { timeout: 20_000 },
      )
      .toBe(200)
    // Counters survived (the append-only file) and went on from there; refused requests cost nothing.
    expect(await counters.get(`budget:${day()}:global`)).toBe(spent)
  })
})
