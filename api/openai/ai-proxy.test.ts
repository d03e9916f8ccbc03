/**
 * The proxy end to end: the official `openai` SDK as the client, the proxy on a real
 * loopback port, and a fake OpenAI-compatible upstream (a Hono app on another port).
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryCounterStore } from '../counter-store/counter-store.ts'
import { accessTokens } from './access-token.ts'
import { clientTag } from './ai-proxy.ts'
import { FAKE_USAGE, startFakeUpstream, type FakeUpstream } from './testing/fake-upstream.ts'
import { portRange } from './testing/loopback.ts'
import { startProxy, type TestProxy } from './testing/proxy-server.ts'

const KEY = 'sk-test-upstream-0123456789abcdefghijklmnop'
const TOKEN_SECRET = 'a-test-signing-secret-of-at-least-32-chars'

let fake: FakeUpstream
let proxy: TestProxy
const others: { close(): Promise<void> }[] = []

function upstreamEnv(extra: Record<string, string> = {}) {
  return {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    AI_MODELS: 'gpt-4o-mini,gpt-4.1-mini',
    AI_MAX_OUTPUT_TOKENS: '256',
    AI_RATE_LIMIT: '1000',
    ...extra,
  }
}

/** Another proxy for a test that needs different settings; closed after the file. */
async function extraProxy(env: Record<string, string>, store?: MemoryCounterStore) {
  const started = await startProxy({ env, ports: portRange(4404, 9), store })
  others.push(started)
  return started
}

beforeAll(async () => {
  fake = await startFakeUpstream(KEY, portRange(4400, 2))
  proxy = await startProxy({ env: upstreamEnv(), ports: portRange(4402, 2) })
})

afterAll(async () => {
  await Promise.all([fake?.close(), proxy?.close(), ...others.map((o) => o.close())])
})

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello proxy' }] }

describe('chat completions through the SDK', () => {
  it('answers a request and reports the upstream usage; the upstream gets the real key and the cap', async () => {
    const before = fake.received.length
    const completion = await proxy.client().chat.completions.create(ask)
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello proxy')
    expect(completion.usage).toMatchObject(FAKE_USAGE)
    const sent = fake.received[before]!
    expect(sent.max_completion_tokens).toBe(256)
    expect(fake.authorizations[before]).toBe(`Bearer ${KEY}`)
  })

  it('streams chunks the SDK iterates, without a usage chunk unless asked for', async () => {
    const before = fake.received.length
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    let text = ''
    const chunks = []
    for await (const chunk of stream) {
      chunks.push(chunk)
      text += chunk.choices[0]?.delta.content ?? ''
    }
    expect(text).toBe('Echo: Hello proxy')
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true)
    // The proxy always asks upstream for usage, to count the budget.
    expect(fake.received[before]!.stream_options).toEqual({ include_usage: true })
  })

  it('passes the usage chunk on when the client asks for it', async () => {
    const stream = await proxy
      .client()
      .chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.at(-1)?.usage).toMatchObject(FAKE_USAGE)
  })

  it("works with the SDK's stream helper", async () => {
    const stream = proxy.client().chat.completions.stream(ask)
    const deltas: string[] = []
    stream.on('content', (delta) => deltas.push(delta))
    const final = await stream.finalChatCompletion()
    expect(final.choices[0]?.message.content).toBe('Echo: Hello proxy')
    expect(deltas.join('')).toBe('Echo: Hello proxy')
  })

  it('logs one line per request with model and tokens, written when a stream ends', async () => {
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    for await (const _ of stream) void _
    await expect
      .poll(
        () =>
          proxy.logs.filter((l) => l.stream === true && l.total_tokens === FAKE_USAGE.total_tokens).length,
      )
      .toBeGreaterThan(0)
    const line = proxy.logs.findLast((l) => l.stream === true)!
    expect(line).toMatchObject({
      msg: 'ai request',
      method: 'POST',
      path: '/api/openai/v1/chat/completions',
      status: 200,
      model: 'gpt-4o-mini',
      prompt_tokens: 11,
      completion_tokens: 7,
      total_tokens: 18,
    })
    expect(typeof line.duration_ms).toBe('number')
  })
})

describe('responses through the SDK', () => {
  it('answers without streaming; the upstream is told not to store it', async () => {
    const before = fake.received.length
    const response = await proxy.client().responses.create({ model: 'gpt-4o-mini', input: 'Hi there' })
    expect(response.output_text).toBe('Echo: Hi there')
    expect(response.usage?.total_tokens).toBe(18)
    expect(fake.received[before]).toMatchObject({ store: false, max_output_tokens: 256 })
  })

  it('streams events the SDK iterates', async () => {
    const stream = await proxy.client().responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: 'Stream me' }],
      stream: true,
    })
    const types: string[] = []
    let text = ''
    for await (const event of stream) {
      types.push(event.type)
      if (event.type === 'response.output_text.delta') text += event.delta
    }
    expect(text).toBe('Echo: Stream me')
    expect(types[0]).toBe('response.created')
    expect(types.at(-1)).toBe('response.completed')
  })

  it("works with the SDK's responses.stream helper", async () => {
    const stream = proxy.client().responses.stream({ model: 'gpt-4.1-mini', input: 'Helper' })
    const final = await stream.finalResponse()
    expect(final.output_text).toBe('Echo: Helper')
  })
})

describe('models, allow-list and caps', () => {
  it('lists exactly the allowed models', async () => {
    const ids = []
    for await (const model of proxy.client().models.list()) ids.push(model.id)
    expect(ids).toEqual(['gpt-4o-mini', 'gpt-4.1-mini'])
    expect((await proxy.client().models.retrieve('gpt-4.1-mini')).id).toBe('gpt-4.1-mini')
    await expect(proxy.client().models.retrieve('gpt-4')).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })

  it('refuses a model outside the allow-list before calling upstream', async () => {
    const before = fake.received.length
    const error = await proxy
      .client()
      .chat.completions.create({ ...ask, model: 'gpt-4' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' })
    expect(fake.received.length).toBe(before)
  })

  it('refuses output-token requests above the cap and passes those within it', async () => {
    const error = await proxy
      .client()
      .chat.completions.create({ ...ask, max_tokens: 257 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error).toMatchObject({ param: 'max_tokens', code: 'integer_above_max_value' })
    expect((error as Error).message).toContain('256')
    const before = fake.received.length
    await proxy.client().chat.completions.create({ ...ask, max_tokens: 256 })
    expect(fake.received[before]).toMatchObject({ max_tokens: 256 })
    expect(fake.received[before]!.max_completion_tokens).toBeUndefined()
    const responsesError = await proxy
      .client()
      .responses.create({ model: 'gpt-4o-mini', input: 'x', max_output_tokens: 10_000 })
      .catch((e: unknown) => e)
    expect(responsesError).toMatchObject({ status: 400, param: 'max_output_tokens' })
  })

  it('refuses more than one choice', async () => {
    await expect(proxy.client().chat.completions.create({ ...ask, n: 2 })).rejects.toMatchObject({
      status: 400,
      param: 'n',
    })
  })
})

describe('usage counting and daily budgets', () => {
  it('counts the upstream usage against the per-client budget and refuses once it is spent', async () => {
    const store = new MemoryCounterStore()
    const limited = await extraProxy(
      upstreamEnv({ AI_DAILY_TOKENS_PER_CLIENT: '40', AI_MAX_OUTPUT_TOKENS: '10' }),
      store,
    )
    const client = limited.client()
    // 18 tokens per answer: 0 → 18 → 36 are under 40, so three answers; the fourth is refused.
    for (let i = 0; i < 3; i++) await client.chat.completions.create(ask)
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error).toMatchObject({ status: 429, code: 'daily_budget_exceeded', type: 'insufficient_quota' })
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers
    expect(headers.get('x-should-retry')).toBe('false')
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0)
    const day = new Date().toISOString().slice(0, 10)
    expect(await store.get(`budget:${day}:client:127.0.0.1`)).toBe(54)
    expect(await store.get(`budget:${day}:global`)).toBe(54)
  })

  it('counts streamed usage too', async () => {
    const store = new MemoryCounterStore()
    const limited = await extraProxy(upstreamEnv(), store)
    const stream = await limited.client().chat.completions.create({ ...ask, stream: true })
    for await (const _ of stream) void _
    const day = new Date().toISOString().slice(0, 10)
    await expect.poll(() => store.get(`budget:${day}:global`)).toBe(18)
  })

  it('has a global budget that stops every client', async () => {
    const limited = await extraProxy(
      upstreamEnv({
        AI_TRUST_PROXY: 'true',
        AI_DAILY_TOKENS_PER_CLIENT: '30',
        AI_DAILY_TOKENS_GLOBAL: '50',
        AI_MAX_OUTPUT_TOKENS: '10',
      }),
    )
    const alice = limited.client({ headers: { 'x-forwarded-for': '203.0.113.7' } })
    const bob = limited.client({ headers: { 'x-forwarded-for': '198.51.100.20' } })
    await alice.chat.completions.create(ask) // client 18, global 18
    await alice.chat.completions.create(ask) // client 36, global 36
    await expect(alice.chat.completions.create(ask)).rejects.toMatchObject({
      status: 429,
      code: 'daily_budget_exceeded',
    })
    await bob.chat.completions.create(ask) // bob 18, global 54
    const error = await bob.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 429, code: 'daily_budget_exceeded' })
    expect((error as Error).message).toContain('for everyone')
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After and RateLimit headers after the limit', async () => {
    const limited = await extraProxy(upstreamEnv({ AI_RATE_LIMIT: '2', AI_RATE_LIMIT_WINDOW_SECONDS: '60' }))
    const client = limited.client()
    const first = await client.chat.completions.create(ask).withResponse()
    expect(first.response.headers.get('ratelimit-limit')).toBe('2')
    expect(first.response.headers.get('ratelimit-remaining')).toBe('1')
    await client.chat.completions.create(ask)
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error).toMatchObject({ code: 'rate_limit_exceeded' })
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0)
    expect(headers.get('ratelimit-remaining')).toBe('0')
    expect(headers.get('ratelimit-policy')).toBe('2;w=60')
  })
})

describe('origins and CORS', () => {
  const sandboxOrigin = 'http://127.0.0.1:4322'

  it('answers the preflight of the sandbox origin for Authorization and Content-Type', async () => {
    const res = await fetch(`${proxy.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: sandboxOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-stainless-retry-count',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(sandboxOrigin)
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization')
    expect(res.headers.get('access-control-allow-headers')).toContain('content-type')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('allows the sandbox origin and exposes the retry headers to it', async () => {
    const res = await fetch(`${proxy.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { origin: sandboxOrigin, 'content-type': 'application/json', authorization: 'Bearer sandbox' },
      body: JSON.stringify(ask),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(sandboxOrigin)
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After')
  })

  it('refuses other web origins with a 403 the SDK raises', async () => {
    const client = proxy.client({ headers: { origin: 'https://evil.example' } })
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError)
    expect(error).toMatchObject({ code: 'origin_not_allowed' })
    const preflight = await fetch(`${proxy.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('access tokens', () => {
  it('requires a token from POST /token when a signing secret is set', async () => {
    const guarded = await extraProxy(upstreamEnv({ AI_TOKEN_SECRET: TOKEN_SECRET }))
    // Browsers send no Authorization on a preflight: it must pass without a token.
    const preflight = await fetch(`${guarded.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4322',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(preflight.status).toBe(204)
    const refused = await guarded
      .client({ apiKey: 'sandbox' })
      .chat.completions.create(ask)
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(refused).toMatchObject({ code: 'invalid_api_key' })
    expect((refused as Error).message).toContain('/api/openai/token')

    const issued = await fetch(`${guarded.url}/api/openai/token`, {
      method: 'POST',
      headers: { origin: guarded.url },
    })
    expect(issued.status).toBe(200)
    expect(issued.headers.get('cache-control')).toBe('no-store')
    const { token, expires_at } = (await issued.json()) as { token: string; expires_at: number }
    expect(expires_at).toBeGreaterThan(Date.now() / 1000)
    const completion = await guarded.client({ apiKey: token }).chat.completions.create(ask)
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello proxy')

    // Tampered and expired tokens are refused with a message that says what to do.
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
    await expect(guarded.client({ apiKey: tampered }).chat.completions.create(ask)).rejects.toMatchObject({
      status: 401,
    })
    const old = await accessTokens(TOKEN_SECRET, 60, () => Date.now() - 3_600_000).issue(
      clientTag(TOKEN_SECRET)('127.0.0.1'),
    )
    await expect(guarded.client({ apiKey: old.token }).chat.completions.create(ask)).rejects.toMatchObject({
      status: 401,
      code: 'token_expired',
    })
  })

  it('refuses a token replayed from another client', async () => {
    // Behind a trusted proxy (loopback here), X-Forwarded-For names the client.
    const guarded = await extraProxy(
      upstreamEnv({ AI_TOKEN_SECRET: TOKEN_SECRET, AI_TRUST_PROXY: '127.0.0.1' }),
    )
    const issued = await fetch(`${guarded.url}/api/openai/token`, {
      method: 'POST',
      headers: { origin: guarded.url, 'x-forwarded-for': '203.0.113.7' },
    })
    const { token } = (await issued.json()) as { token: string }
    const alice = guarded.client({ apiKey: token, headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect((await alice.chat.completions.create(ask)).choices[0]?.message.content).toBe('Echo: Hello proxy')
    const mallory = guarded.client({ apiKey: token, headers: { 'x-forwarded-for': '198.51.100.9' } })
    const error = await mallory.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    expect((error as Error).message).toContain('another client')
  })

  it('issues tokens only to the course origin', async () => {
    const guarded = await extraProxy(upstreamEnv({ AI_TOKEN_SECRET: TOKEN_SECRET }))
    const scripted = await fetch(`${guarded.url}/api/openai/token`, { method: 'POST' })
    expect(scripted.status).toBe(403)
    const foreign = await fetch(`${guarded.url}/api/openai/token`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed')
  })
})

describe('offline demo model', () => {
  it('answers in the same shapes, streaming included, saying what it is; health reports the mode', async () => {
    const demo = await extraProxy({})
    const client = demo.client()
    const completion = await client.chat.completions.create(ask)
    expect(completion.choices[0]?.message.content).toContain("the course's offline demo model")
    expect(completion.usage?.total_tokens).toBeGreaterThan(0)

    const chat = client.chat.completions.stream(ask)
    expect((await chat.finalChatCompletion()).choices[0]?.message.content).toContain('offline demo model')

    const response = await client.responses
      .stream({ model: 'gpt-4o-mini', input: 'Are you real?' })
      .finalResponse()
    expect(response.output_text).toContain('You asked: "Are you real?"')

    const capped = await client.chat.completions.create({ ...ask, max_tokens: 3 })
    expect(capped.choices[0]?.finish_reason).toBe('length')

    const health = (await (await fetch(`${demo.url}/api/health`)).json()) as { ai: { mode: string } }
    expect(health.ai.mode).toBe('offline-demo')
    const upstreamHealth = (await (await fetch(`${proxy.url}/api/health`)).json()) as { ai: { mode: string } }
    expect(upstreamHealth.ai.mode).toBe('upstream')
  })
})
