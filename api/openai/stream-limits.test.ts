/**
 * What keeps one client from holding the proxy's upstream connections or posing as someone
 * else: a wall-clock cap on every call (a slow reader cannot keep a stream open for ever), a
 * per-client limit on requests in flight, the `user` field set by the server, and a shared
 * allowance for one IPv6 /56 network.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream.ts'
import { portRange } from './testing/loopback.ts'
import { startProxy, type TestProxy } from './testing/proxy-server.ts'

const KEY = 'sk-test-limits-0123456789abcdefghijklmnopq'
let fake: FakeUpstream
const proxies: TestProxy[] = []

beforeAll(async () => {
  fake = await startFakeUpstream(KEY, [4419, 4446])
})

afterAll(async () => {
  await Promise.all([fake?.close(), ...proxies.map((p) => p.close())])
})

async function proxyWith(env: Record<string, string>) {
  const proxy = await startProxy({
    env: {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: `${fake.url}/v1`,
      AI_MODELS: 'gpt-4o-mini',
      AI_RATE_LIMIT: '100000',
      ...env,
    },
    ports: portRange(4447, 3),
  })
  proxies.push(proxy)
  return proxy
}

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] }

describe('stream limits', () => {
  it('cuts off a stream that runs past AI_STREAM_MAX_SECONDS, however steadily it sends, and aborts the upstream', async () => {
    fake.behaviour = 'stream-slow' // an event every 20 ms, for ever: the silence timer never fires
    const proxy = await proxyWith({ AI_STREAM_MAX_SECONDS: '1', AI_UPSTREAM_TIMEOUT_MS: '600000' })
    const aborted = fake.aborted
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    const error = await (async () => {
      try {
        for await (const _ of stream) void _
      } catch (err) {
        return err
      }
    })()
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect((error as Error).message).toContain('took longer than 1 s')
    await expect.poll(() => fake.aborted).toBe(aborted + 1)
  })

  it('allows AI_MAX_CONCURRENT_PER_CLIENT requests in flight per client; the next gets a 429 until one ends', async () => {
    fake.behaviour = 'stream-slow'
    const proxy = await proxyWith({ AI_MAX_CONCURRENT_PER_CLIENT: '2' })
    const client = proxy.client()
    const first = await client.chat.completions.create({ ...ask, stream: true })
    const second = await client.chat.completions.create({ ...ask, stream: true })
    const third = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(third).toBeInstanceOf(OpenAI.RateLimitError)
    expect(third).toMatchObject({ code: 'too_many_concurrent_requests' })
    fake.behaviour = 'ok'
    // Closing a stream frees its place.
    first.controller.abort()
    await expect
      .poll(() =>
        client.chat.completions.create(ask).then(
          () => 'ok',
          (e: unknown) => (e as { code?: string }).code,
        ),
      )
      .toBe('ok')
    second.controller.abort()
  })

  it("sends the server's own client tag as `user`, whatever the client claims", async () => {
    fake.behaviour = 'ok'
    const proxy = await proxyWith({})
    const before = fake.received.length
    await proxy.client().chat.completions.create({ ...ask, user: 'someone-else@example.com' })
    await proxy.client().responses.create({ model: 'gpt-4o-mini', input: 'x', user: 'admin' })
    const [chat, responses] = fake.received.slice(before)
    expect(chat!.user).toMatch(/^c_[0-9a-z]+$/)
    expect(responses!.user).toBe(chat!.user)
  })

  it('gives one IPv6 /56 network a shared allowance of four clients', async () => {
    fake.behaviour = 'ok'
    const proxy = await proxyWith({ AI_RATE_LIMIT: '2', AI_TRUST_PROXY: '127.0.0.1' })
    const from = (address: string) => proxy.client({ headers: { 'x-forwarded-for': address } })
    let answered = 0
    // Sixteen /64s of one /56, two requests each: 8 (4 × 2) get through, the rest are refused.
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 2; j++) {
        const ok = await from(`2001:db8:1:2${i.toString(16).padStart(2, '0')}::1`)
          .chat.completions.create(ask)
          .then(
            () => true,
            (e: unknown) => (expect(e).toMatchObject({ status: 429 }), false),
          )
        if (ok) answered++
      }
    }
    expect(answered).toBe(8)
    // Another network has its own allowance.
    await expect(from('2001:db8:2::1').chat.completions.create(ask)).resolves.toBeDefined()
  })
})
