import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi } from '../app.ts'
import { MemoryCounterStore } from '../counter-store/counter-store.ts'
import { startFakeUpstream, type FakeUpstream } from '../openai/testing/fake-upstream.ts'
import { portRange } from '../openai/testing/loopback.ts'
import { parseSse } from '../../src/sandbox/ui/stream-body.ts'
import { HINT_LIMITS, OFFLINE_HINT_MODEL, type HintRequest } from './hint-wire.ts'
import { HINT_POLICY } from './hint-prompt.ts'
import { failingExercise, solutionOnlyLines } from './testing/failing-checks.ts'

const KEY = 'sk-tutor-test-key-0123456789'
const NO_NAME = 'A body without a name gets 400 and an error message'
const exercise = await failingExercise('hello-json-post')
const valid = exercise.request(NO_NAME)

function api(env: Record<string, string> = {}, store = new MemoryCounterStore()) {
  const app = new Hono().route(
    '/api',
    createApi({ env, ai: { logger: () => {}, store, demoChunkDelayMs: 0 } }),
  )
  const hint = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/openai/tutor/hint', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { app, hint, store }
}

async function events(res: Response) {
  const { events } = parseSse(await res.text(), 0)
  return events.map((e) => ({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> }))
}

describe('POST /api/openai/tutor/hint, offline demo mode', () => {
  it('streams the offline hint, labelled as such, that names the missing 400', async () => {
    const res = await api().hint(valid)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const list = await events(res)
    expect(list[0]).toEqual({
      event: 'hint.start',
      data: { source: 'offline', model: OFFLINE_HINT_MODEL, attempt: 1 },
    })
    const deltas = list.filter((e) => e.event === 'hint.delta')
    expect(deltas.length).toBeGreaterThan(10)
    const done = list.at(-1)!
    expect(done.event).toBe('hint.done')
    expect(deltas.map((d) => d.data.delta).join('')).toBe(done.data.text)
    expect(done.data.text).toContain('the status must be 400, but your app answered 200')
    for (const line of solutionOnlyLines(exercise.sandbox)) expect(done.data.text).not.toContain(line)
  })

  it('counts hints per client per hour and says when they are spent', async () => {
    const { hint } = api({ AI_HINTS_PER_HOUR: '2' })
    expect((await hint(valid)).status).toBe(200)
    expect((await hint({ ...valid, attempt: 2 })).status).toBe(200)
    const res = await hint(valid)
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('hint_quota_exceeded')
    expect(body.error.message).toMatch(/^You have had 2 hints in the last hour/)
  })

  it('needs an access token when the deployment requires them, like the proxy', async () => {
    const { app, hint } = api({ AI_TOKEN_SECRET: 'a-secret-of-at-least-thirty-two-characters' })
    const refused = await hint(valid)
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key')
    const issued = await app.request('/api/openai/token', {
      method: 'POST',
      headers: { origin: 'http://localhost', host: 'localhost' },
    })
    const { token } = (await issued.json()) as { token: string }
    expect((await hint(valid, { authorization: `Bearer ${token}` })).status).toBe(200)
  })

  it('refuses other websites', async () => {
    const res = await api().hint(valid, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })
})

describe('bad requests get an OpenAI-shaped 4xx, never a 5xx', () => {
  const { hint } = api()
  const cases: [string, unknown, number, string | null][] = [
    ['not JSON', '{"sandbox":', 400, 'invalid_json'],
    ['an array', [], 400, 'invalid_json'],
    ['an unknown field', { ...valid, solution: { 'src/app.ts': 'x' } }, 400, null],
    ['attempt 3: the Solve button instead', { ...valid, attempt: 3 }, 400, null],
    ['neither a check nor a console error', { ...valid, check: undefined }, 400, null],
    [
      'a file over the cap',
      { ...valid, files: { 'src/app.ts': 'x'.repeat(HINT_LIMITS.file + 1) } },
      400,
      null,
    ],
    [
      'too many files',
      { ...valid, files: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${i}.ts`, 'x'])) },
      400,
      null,
    ],
    [
      'a huge body',
      { ...valid, lesson: { title: 'x'.repeat(70_000), objectives: [] } },
      413,
      'request_too_large',
    ],
    [
      'a status that is no status',
      { ...valid, check: { ...valid.check!, actual: { status: 42, headers: {}, body: '' } } },
      400,
      null,
    ],
    ['a console line without a level', { ...valid, console: [{ message: 'x' }] }, 400, null],
  ]
  for (const [what, body, status, code] of cases) {
    it(what, async () => {
      const res = await hint(body)
      expect(res.status).toBe(status)
      const error = (
        (await res.json()) as {
          error: { message: string; type: string; code: string | null; param: string | null }
        }
      ).error
      expect(error.type).toBe('invalid_request_error')
      expect(error.message.length).toBeGreaterThan(10)
      if (code) expect(error.code).toBe(code)
    })
  }

  it('names the field', async () => {
    const res = await hint({ ...valid, attempt: 3 })
    const { error } = (await res.json()) as { error: { message: string; param: string } }
    expect(error.param).toBe('attempt')
    expect(error.message).toMatch(/must be 1 or 2/)
  })

  it('a wrong content type gets 415', async () => {
    const res = await api().app.request('/api/openai/tutor/hint', {
      method: 'POST',
      body: JSON.stringify(valid),
    })
    expect(res.status).toBe(415)
  })
})

describe('with a model: the real SDK streams from a fake OpenAI server over HTTP', () => {
  let fake: FakeUpstream
  beforeAll(async () => {
    fake = await startFakeUpstream(KEY, portRange(4419, 1))
  })
  afterAll(() => fake.close())
  const env = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.url}/v1` })

  it('sends one Responses API request with the policy, the quoted facts and a cap, and streams the hint', async () => {
    fake.behaviour = 'ok'
    fake.received.length = 0
    const store = new MemoryCounterStore()
    const res = await api(env(), store).hint(valid)
    expect(res.status).toBe(200)
    const list = await events(res)
    expect(list[0]).toEqual({ event: 'hint.start', data: { source: 'ai', model: 'gpt-4o-mini', attempt: 1 } })
    const sent = fake.received[0]!
    expect(sent).toMatchObject({
      model: 'gpt-4o-mini',
      instructions: HINT_POLICY,
      max_output_tokens: 300,
      stream: true,
      store: false,
    })
    const input = (sent.input as { role: string; content: string }[])[0]!
    expect(input.role).toBe('user')
    expect(input.content).toContain('<course_data>')
    for (const line of solutionOnlyLines(exercise.sandbox)) expect(JSON.stringify(sent)).not.toContain(line)
    // The fake echoes its input, far longer than a hint: the cap ends the stream there.
    const done = list.at(-1)!
    expect(done.event).toBe('hint.done')
    expect(done.data.truncated).toBe(true)
    expect((done.data.text as string).length).toBeLessThanOrEqual(HINT_LIMITS.hintChars + 1)
    expect(
      list
        .filter((e) => e.event === 'hint.delta')
        .map((e) => e.data.delta)
        .join(''),
    ).toBe(done.data.text)
    expect((done.data.text as string).startsWith('Echo: The facts of the failure')).toBe(true)
    // One hint used; the budget keeps the whole reservation (the answer was cut, usage unknown).
    expect(await store.get('hint:unknown')).toBe(1)
    expect(await store.get(`budget:${new Date().toISOString().slice(0, 10)}:client:unknown`)).toBeGreaterThan(
      300,
    )
  })

  it('a failing upstream gives the hint back', async () => {
    const store = new MemoryCounterStore()
    const { hint } = api({ ...env(), AI_HINTS_PER_HOUR: '1' }, store)
    fake.behaviour = 'status-500'
    const res = await hint(valid)
    expect(res.status).toBe(502)
    expect(await store.get('hint:unknown')).toBe(0)
    fake.behaviour = 'stream-error'
    const broken = await hint(valid)
    expect(broken.status).toBe(200)
    expect((await events(broken)).at(-1)!.event).toBe('error')
    expect(await store.get('hint:unknown')).toBe(0)
    fake.behaviour = 'ok'
    expect((await hint(valid)).status).toBe(200)
    expect((await hint(valid)).status).toBe(429)
  })
})

// The type is what the page sends; keep the test's requests honest about it.
valid satisfies HintRequest
