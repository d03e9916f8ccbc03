/**
 * What learners see when the upstream misbehaves: clean OpenAI-shaped errors (in the stream
 * when it had already started), nothing that hangs, and an upstream call that stops when the
 * learner's client goes away.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream.ts'
import { portRange } from './testing/loopback.ts'
import { startProxy, type TestProxy } from './testing/proxy-server.ts'

const KEY = 'sk-test-faults-0123456789abcdefghijklmnopqr'

let fake: FakeUpstream
let proxy: TestProxy
let unreachable: TestProxy

beforeAll(async () => {
  fake = await startFakeUpstream(KEY, portRange(4420, 2))
  const env = {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    AI_MODELS: 'gpt-4o-mini',
    AI_RATE_LIMIT: '100000',
    // Short, so the timeout cases finish quickly; nothing asserts how long they took.
    AI_UPSTREAM_TIMEOUT_MS: '1000',
  }
  proxy = await startProxy({ env, ports: portRange(4422, 2) })
  // Port 4429 is in this file's range and never listened on.
  unreachable = await startProxy({
    env: { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:4429/v1' },
    ports: portRange(4424, 2),
  })
})

afterAll(async () => {
  await Promise.all([fake?.close(), proxy?.close(), unreachable?.close()])
})

beforeEach(() => {
  fake.behaviour = 'ok'
})

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] }
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err as InstanceType<typeof OpenAI.APIError>,
  )

/** Iterates a stream to its end and returns the text and the error it ended with, if any. */
async function drain(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  let text = ''
  try {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    return { text, error: undefined }
  } catch (error) {
    return { text, error: error as InstanceType<typeof OpenAI.APIError> }
  }
}

describe('upstream errors before the answer starts', () => {
  it('500 → 502 server_error, without the upstream text', async () => {
    fake.behaviour = 'status-500'
    const error = await failure(proxy.client().chat.completions.create(ask))
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect(error).toMatchObject({ status: 502, code: 'upstream_error', type: 'server_error' })
    expect(error!.message).not.toContain(KEY)
  })

  it('429 → 429 with the upstream Retry-After, so the SDK can wait and retry', async () => {
    fake.behaviour = 'status-429'
    const error = await failure(proxy.client().chat.completions.create(ask))
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error).toMatchObject({ code: 'upstream_rate_limited' })
    expect(error!.headers?.get('retry-after')).toBe('7')
  })

  it('401 for the server key → 502 that blames the server, never the learner, and never quotes the key', async () => {
    fake.behaviour = 'status-401'
    const error = await failure(proxy.client().responses.create({ model: 'gpt-4o-mini', input: 'x' }))
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect(error).toMatchObject({ status: 502, code: 'upstream_auth_failed' })
    expect(error!.message).toContain('server configuration')
    expect(JSON.stringify(error!.error)).not.toMatch(/sk-/)
  })

  it('400 → 400 with the upstream code and param, never the upstream text', async () => {
    fake.behaviour = 'status-400'
    const error = await failure(proxy.client().chat.completions.create(ask))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error).toMatchObject({ param: 'temperature', code: 'unsupported_parameter' })
    expect(error!.message).toContain("parameter 'temperature'")
    expect(error!.message).toContain('unsupported_parameter')
    // The upstream's sentence (which here quotes the key) is not passed on, scrubbed or not.
    expect(error!.message).not.toContain('request made with key')
    expect(error!.message).not.toContain(KEY.slice(0, 12))
  })

  it('no answer in time → 504, and the upstream call is aborted', async () => {
    fake.behaviour = 'hang'
    const aborted = fake.aborted
    const error = await failure(proxy.client().chat.completions.create(ask))
    expect(error).toMatchObject({ status: 504, code: 'upstream_timeout' })
    await expect.poll(() => fake.aborted).toBe(aborted + 1)
  })

  it('malformed JSON → 502 upstream_bad_response', async () => {
    fake.behaviour = 'malformed-json'
    await expect(proxy.client().chat.completions.create(ask)).rejects.toMatchObject({
      status: 502,
      code: 'upstream_bad_response',
    })
  })

  it('a body that is not JSON at all → 502 upstream_bad_response', async () => {
    fake.behaviour = 'not-json'
    await expect(proxy.client().responses.create({ model: 'gpt-4o-mini', input: 'x' })).rejects.toMatchObject(
      {
        status: 502,
        code: 'upstream_bad_response',
      },
    )
  })

  it('an upstream that cannot be reached → 502 upstream_unreachable', async () => {
    const error = await failure(unreachable.client().chat.completions.create(ask))
    expect(error).toMatchObject({ status: 502, code: 'upstream_unreachable' })
  })

  it('errors are the same when streaming was asked for', async () => {
    fake.behaviour = 'status-500'
    await expect(proxy.client().chat.completions.create({ ...ask, stream: true })).rejects.toMatchObject({
      status: 502,
    })
  })
})

describe('upstream faults in the middle of a stream', () => {
  it('a dropped connection ends the chat stream with an error the SDK raises', async () => {
    fake.behaviour = 'stream-drop'
    const { text, error } = await drain(
      await proxy.client().chat.completions.create({ ...ask, stream: true }),
    )
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error!.message).toContain('could not read')
    expect(text.length).toBeLessThan('Echo: Hello'.length)
  })

  it('a dropped connection ends the responses stream with an error event', async () => {
    fake.behaviour = 'stream-drop'
    const stream = await proxy.client().responses.create({ model: 'gpt-4o-mini', input: 'x', stream: true })
    const types: string[] = []
    const error = await (async () => {
      try {
        for await (const event of stream) types.push(event.type)
      } catch (err) {
        return err
      }
    })()
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(types).toContain('response.created')
  })

  it('a stream that stops sending is cut off by the timeout and the upstream is aborted', async () => {
    fake.behaviour = 'stream-stall'
    const aborted = fake.aborted
    const { error } = await drain(await proxy.client().chat.completions.create({ ...ask, stream: true }))
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error!.message).toContain('did not answer within')
    await expect.poll(() => fake.aborted).toBe(aborted + 1)
  })

  it('an error event from the upstream reaches the SDK as an error, secrets scrubbed', async () => {
    fake.behaviour = 'stream-error'
    const { error } = await drain(await proxy.client().chat.completions.create({ ...ask, stream: true }))
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error!.message).toContain('(overloaded)')
    expect(error!.message).not.toContain('Overloaded while serving')
    expect(error!.message).not.toContain(KEY)
  })

  it('a stream that ends without finishing is reported as incomplete', async () => {
    fake.behaviour = 'stream-end-early'
    const { error } = await drain(await proxy.client().chat.completions.create({ ...ask, stream: true }))
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect(error!.message).toContain('ended before the answer was complete')
  })

  it('the log records the stream error', async () => {
    fake.behaviour = 'stream-end-early'
    await drain(await proxy.client().chat.completions.create({ ...ask, stream: true }))
    await expect.poll(() => proxy.logs.some((l) => l.error_code === 'upstream_stream_incomplete')).toBe(true)
  })
})

describe('client disconnects', () => {
  it('aborts a waiting upstream call when the client gives up', async () => {
    fake.behaviour = 'hang'
    const slow = await startProxy({
      env: {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: `${fake.url}/v1`,
        AI_MODELS: 'gpt-4o-mini',
        AI_UPSTREAM_TIMEOUT_MS: '600000',
      },
      ports: portRange(4426, 3),
    })
    try {
      const aborted = fake.aborted
      const received = fake.received.length
      const controller = new AbortController()
      const call = failure(slow.client().chat.completions.create(ask, { signal: controller.signal }))
      await expect.poll(() => fake.received.length).toBe(received + 1)
      controller.abort()
      expect(await call).toBeInstanceOf(OpenAI.APIUserAbortError)
      await expect.poll(() => fake.aborted).toBe(aborted + 1)
      await expect
        .poll(() => slow.logs.some((l) => l.status === 499 && l.error_code === 'client_closed_request'))
        .toBe(true)
    } finally {
      await slow.close()
    }
  })

  it('aborts a streaming upstream call when the client stops reading', async () => {
    fake.behaviour = 'stream-slow'
    const aborted = fake.aborted
    const stream = await proxy.client().chat.completions.create({ ...ask, stream: true })
    let chunks = 0
    for await (const _ of stream) {
      void _
      if (++chunks === 3) break // break aborts the SDK's request, closing the connection
    }
    await expect.poll(() => fake.aborted).toBe(aborted + 1)
    // Logged as the learner's choice, not as a server error.
    await expect
      .poll(() => proxy.logs.some((l) => l.error_code === 'client_closed_request' && l.level === 'warn'))
      .toBe(true)
  })
})
