/**
 * Counters in a real Redis: atomic across clients, so two proxy instances behind a load
 * balancer enforce one rate limit and one budget exactly; and the proxy refuses (503)
 * rather than run unmetered when Redis is gone.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portRange } from '../openai/testing/loopback.ts'
import { startProxy, type TestProxy } from '../openai/testing/proxy-server.ts'
import { CounterStoreUnavailableError } from './counter-store.ts'
import { RedisCounterStore } from './redis-counter-store.ts'
import { skipRedisTests, startRedis, type TestRedis } from './testing/redis-server.ts'

let redis: TestRedis
const opened: { close(): Promise<void> }[] = []

function store(prefix: string) {
  const created = new RedisCounterStore(redis.url, { prefix })
  opened.push(created)
  return created
}

async function proxies(env: Record<string, string>, ports: number[]): Promise<[TestProxy, TestProxy]> {
  // Two API instances, each with its own Redis connection, sharing one key space.
  const prefix = `test-${randomUUID()}:`
  const one = await startProxy({ env, ports: [ports[0]!], store: store(prefix) })
  const two = await startProxy({ env, ports: [ports[1]!], store: store(prefix) })
  opened.push(one, two)
  return [one, two]
}

const ask = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
  max_tokens: 10,
})
const post = (target: TestProxy) =>
  fetch(`${target.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: ask,
  })

describe.skipIf(skipRedisTests)(
  'Redis counters (set SKIP_REDIS_TESTS=1 to skip where redis-server is not installed)',
  () => {
    beforeAll(async () => {
      redis = await startRedis()
    })

    afterAll(async () => {
      await Promise.all(opened.map((o) => o.close()))
      await redis?.stop()
    })

    it('increments atomically from many clients at once, keeping the first window', async () => {
      const prefix = `test-${randomUUID()}:`
      const clients = [store(prefix), store(prefix), store(prefix)]
      const results = await Promise.all(
        Array.from({ length: 90 }, (_, i) => clients[i % 3]!.increment('hits', 1, 60_000)),
      )
      expect(results.map((r) => r.value).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 90 }, (_, i) => i + 1),
      )
      expect(await clients[0]!.get('hits')).toBe(90)
      const later = await clients[1]!.increment('hits', -10, 1)
      expect(later.value).toBe(80)
      // The -10 with a 1 ms window did not shorten the running 60 s window.
      expect(later.resetAt - Date.now()).toBeGreaterThan(30_000)
      await clients[2]!.delete('hits')
      expect(await clients[0]!.get('hits')).toBe(0)
    })

    it('two proxy instances enforce one rate limit exactly', async () => {
      // The per-instance in-flight limit (4 by default) is raised: Redis may count all five
      // allowed requests on one instance, and with all of them open at once the fifth would be
      // refused for concurrency, not by the shared rate limit this test is about.
      const [one, two] = await proxies(
        { AI_RATE_LIMIT: '5', AI_RATE_LIMIT_WINDOW_SECONDS: '60', AI_MAX_CONCURRENT_PER_CLIENT: '100' },
        portRange(4440, 2),
      )
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 === 0 ? one : two)))
      const statuses = answers.map((res) => res.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(5)
      expect(statuses.filter((s) => s === 429)).toHaveLength(7)
      for (const refused of answers.filter((res) => res.status === 429)) {
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded')
      }
    })

    it('two proxy instances count one daily budget', async () => {
      const [one, two] = await proxies(
        { AI_RATE_LIMIT: '1000', AI_DAILY_TOKENS_PER_CLIENT: '60', AI_MAX_OUTPUT_TOKENS: '10' },
        portRange(4442, 2),
      )
      let spent = 0
      let last = 0
      let answered = 0
      for (let i = 0; i < 20; i++) {
        const res = await post(i % 2 === 0 ? one : two)
        if (res.status !== 200) {
          expect(res.status).toBe(429)
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('daily_budget_exceeded')
          break
        }
        last = ((await res.json()) as { usage: { total_tokens: number } }).usage.total_tokens
        spent += last
        answered++
      }
      // Answers were allowed while less than 60 tokens had been spent, on either instance.
      expect(answered).toBeGreaterThan(1)
      expect(spent - last).toBeLessThan(60)
      expect(spent).toBeGreaterThanOrEqual(60)
      expect((await post(one)).status).toBe(429)
      expect((await post(two)).status).toBe(429)
    })

    it('refuses with a 503, not unmetered, when Redis is gone', async () => {
      const [one] = await proxies({ AI_RATE_LIMIT: '1000' }, portRange(4444, 2))
      expect((await post(one)).status).toBe(200)
      await redis.stop()
      const res = await post(one)
      expect(res.status).toBe(503)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('limits_unavailable')
      await expect(store('gone:').increment('x', 1, 1000)).rejects.toBeInstanceOf(
        CounterStoreUnavailableError,
      )
    })
  },
)
