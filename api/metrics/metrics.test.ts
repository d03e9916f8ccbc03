/**
 * GET /api/metrics on a real API app (`app.request`): off without METRICS_TOKEN, bearer-only
 * with it, and the figures follow real requests through the AI proxy (offline demo model).
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApi } from '../app.ts'
import type { RequestLogEntry } from '../request-log/request-log.ts'
import { createMetrics } from './metrics.ts'

const TOKEN = 'test-metrics-token-0123456789'

function course(env: Record<string, string> = {}) {
  const metrics = createMetrics()
  const logs: RequestLogEntry[] = []
  const app = new Hono()
  app.use(metrics.http())
  app.route('/api', createApi({ env, metrics, ai: { logger: (e) => logs.push(e), demoChunkDelayMs: 0 } }))
  return { app, logs }
}

const chat = (app: Hono, headers: Record<string, string> = {}) =>
  app.request('/api/openai/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Count my tokens' }] }),
  })

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `))
  return found === undefined ? undefined : Number(found.slice(line.length + 1))
}

describe('GET /api/metrics', () => {
  it('is off without METRICS_TOKEN, saying how to turn it on', async () => {
    const res = await course().app.request('/api/metrics')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({
      error: { code: 'metrics_disabled', message: expect.stringContaining('METRICS_TOKEN') },
    })
  })

  it('asks for the token as a bearer credential', async () => {
    const { app } = course({ METRICS_TOKEN: TOKEN })
    const none = await app.request('/api/metrics')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } })
    const wrong = await app.request('/api/metrics', {
      headers: { Authorization: 'Bearer not-the-token-at-all' },
    })
    expect(wrong.status).toBe(401)
    const ok = await app.request('/api/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(ok.headers.get('cache-control')).toBe('no-store')
  })

  it('counts requests by route and status, AI calls, tokens against the budget, refusals and the process', async () => {
    const { app, logs } = course({
      METRICS_TOKEN: TOKEN,
      AI_RATE_LIMIT: '2',
      AI_DAILY_TOKENS_GLOBAL: '900000',
    })
    expect((await chat(app)).status).toBe(200)
    expect((await chat(app)).status).toBe(200)
    expect((await chat(app)).status).toBe(429)
    expect((await app.request('/api/nope')).status).toBe(404)
    const text = await (
      await app.request('/api/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).text()

    const route = 'route="/api/openai/v1/chat/completions",method="POST"'
    expect(sample(text, `course_http_requests_total{${route},status="200"}`)).toBe(2)
    expect(sample(text, `course_http_requests_total{${route},status="429"}`)).toBe(1)
    expect(sample(text, 'course_http_requests_total{route="/api/*",method="GET",status="404"}')).toBe(1)
    expect(sample(text, `course_http_request_duration_seconds_count{${route},status="200"}`)).toBe(2)
    expect(text).toContain(`course_http_request_duration_seconds_bucket{le="0.005",${route},status="200"}`)

    expect(
      sample(text, 'course_ai_upstream_calls_total{api="chat.completions",mode="offline-demo",outcome="ok"}'),
    ).toBe(2)
    expect(sample(text, 'course_ai_rate_limited_total{path="/api/openai/v1/chat/completions"}')).toBe(1)
    expect(
      sample(
        text,
        'course_ai_requests_total{path="/api/openai/v1/chat/completions",status="429",code="rate_limit_exceeded"}',
      ),
    ).toBe(1)
    const prompt = logs.reduce((n, l) => n + (l.prompt_tokens ?? 0), 0)
    const total = logs.reduce((n, l) => n + (l.total_tokens ?? 0), 0)
    expect(prompt).toBeGreaterThan(0)
    expect(sample(text, 'course_ai_tokens_total{kind="prompt"}')).toBe(prompt)
    expect(sample(text, 'course_ai_daily_tokens_used')).toBe(total)
    expect(sample(text, 'course_ai_daily_token_budget{scope="global"}')).toBe(900000)
    expect(sample(text, 'course_ai_daily_token_budget{scope="client"}')).toBe(50000)
    expect(text).toMatch(/^process_cpu_seconds_total \d/m)
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m)
  })
})

describe('request ids', () => {
  it('answer every API response with X-Request-Id and write it on the request’s log line', async () => {
    const { app, logs } = course()
    const res = await chat(app)
    const id = res.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(logs.at(-1)).toMatchObject({ msg: 'ai request', request_id: id })
    expect((await app.request('/api/health')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('keep the id a proxy sent (nginx $request_id) when it is plain, and replace one that is not', async () => {
    const { app, logs } = course()
    const res = await chat(app, { 'X-Request-Id': '0123456789abcdef0123456789abcdef' })
    expect(res.headers.get('x-request-id')).toBe('0123456789abcdef0123456789abcdef')
    expect(logs.at(-1)?.request_id).toBe('0123456789abcdef0123456789abcdef')
    const odd = await chat(app, { 'X-Request-Id': 'has spaces "and quotes"' })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
