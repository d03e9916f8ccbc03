/**
 * What a request costs the daily budgets when the proxy never sees the upstream's usage: a
 * client that disconnects early, a timeout, a stream cut off. The upstream bills the whole
 * completion it generated, so the proxy keeps the whole reservation (input estimate + output
 * cap); and the input estimate counts UTF-8 bytes, so non-Latin text is not undercounted.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryCounterStore } from '../counter-store/counter-store.ts'
import { estimateInputTokens } from './relay.ts'
import { chatCompletions, utf8Bytes } from './dialects.ts'
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream.ts'
import { portRange } from './testing/loopback.ts'
import { startProxy, type TestProxy } from './testing/proxy-server.ts'

const KEY = 'sk-test-settle-0123456789abcdefghijklmnopq'
const CAP = 100
let fake: FakeUpstream
let proxy: TestProxy
const store = new MemoryCounterStore()
const day = () => new Date().toISOString().slice(0, 10)
const spent = () => store.get(`budget:${day()}:global`)

beforeAll(async () => {
  fake = await startFakeUpstream(KEY, portRange(4430, 2))
  proxy = await startProxy({
    env: {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: `${fake.url}/v1`,
      AI_MODELS: 'gpt-4o-mini',
      AI_MAX_OUTPUT_TOKENS: String(CAP),
      AI_RATE_LIMIT: '100000',
      AI_UPSTREAM_TIMEOUT_MS: '1000',
    },
    ports: portRange(4432, 2),
    store,
  })
})

afterAll(async () => {
  await Promise.all([fake?.close(), proxy?.close()])
})

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] }
// 'Hello' is 5 bytes, plus 4 for the message: 9 input tokens, plus the output cap.
const RESERVATION = 9 + CAP

async function settlesTo(before: number, tokens: number) {
  await expect.poll(async () => (await spent()) - before).toBe(tokens)
}

describe('usage the proxy never saw', () => {
  it('a stream the client leaves early costs the full reservation', async () => {
    fake.behaviour = 'stream-slow'
    const before = await spent()
    const aborted = fake.aborted
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    let chunks = 0
    for await (const _ of stream) {
      void _
      if (++chunks === 2) break
    }
    await expect.poll(() => fake.aborted).toBe(aborted + 1)
    await settlesTo(before, RESERVATION)
  })

  it('a non-streaming call the client abandons costs the full reservation, not the input alone', async () => {
    fake.behaviour = 'hang'
    const before = await spent()
    const received = fake.received.length
    const controller = new AbortController()
    const call = proxy
      .client()
      .chat.completions.create(ask, { signal: controller.signal })
      .catch((e: unknown) => e)
    await expect.poll(() => fake.received.length).toBe(received + 1)
    controller.abort()
    expect(await call).toBeInstanceOf(OpenAI.APIUserAbortError)
    await settlesTo(before, RESERVATION)
  })

  it('a timed-out call costs the full reservation', async () => {
    fake.behaviour = 'hang'
    const before = await spent()
    await expect(proxy.client().chat.completions.create(ask)).rejects.toMatchObject({ status: 504 })
    await settlesTo(before, RESERVATION)
  })

  it('a stream that ends without its usage chunk costs the full reservation', async () => {
    fake.behaviour = 'stream-end-early'
    const before = await spent()
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    await expect(
      (async () => {
        for await (const _ of stream) void _
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError)
    await settlesTo(before, RESERVATION)
  })

  it('an upstream that refused the request (an error status) costs nothing', async () => {
    fake.behaviour = 'status-400'
    const before = await spent()
    await expect(proxy.client().chat.completions.create(ask)).rejects.toMatchObject({ status: 400 })
    await settlesTo(before, 0)
  })

  it('a complete answer costs what the upstream reported', async () => {
    fake.behaviour = 'ok'
    const before = await spent()
    await proxy.client().chat.completions.create(ask)
    await settlesTo(before, 18)
  })
})

describe('the input estimate', () => {
  it('counts UTF-8 bytes, so text in any script is never undercounted', () => {
    expect(utf8Bytes('abc')).toBe(3)
    expect(utf8Bytes('é')).toBe(2)
    expect(utf8Bytes('日本語')).toBe(9)
    expect(utf8Bytes('👋')).toBe(4)
    expect(utf8Bytes('\ud800x')).toBe(new TextEncoder().encode('\ud800x').length)
    const text = '你好，世界。请解释一下什么是 HTTP 状态码。'.repeat(20)
    const size = chatCompletions.inputSize({ ...ask, messages: [{ role: 'user', content: text }] } as never)
    expect(size.chars).toBe(text.length)
    // Chinese is about a token per character: characters/4 reserved a quarter of that.
    expect(estimateInputTokens(size)).toBeGreaterThanOrEqual(text.length)
    expect(estimateInputTokens(size)).toBe(new TextEncoder().encode(text).length + 4)
  })
})
