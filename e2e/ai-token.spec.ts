/**
 * Access tokens end to end (docs/ai-proxy.md, "Protection model"): with AI_TOKEN_SECRET set,
 * the page fetches a token and the worker runtime hands it to the ai-hello app, whose
 * unchanged code (`apiKey: 'sandbox'`) then gets the demo model's answer; the token the app
 * sent, replayed from another client address, is refused. A server of its own (AI_TOKEN_SECRET,
 * and loopback as the trusted proxy so a test can speak for another address).
 */
import { expect, test } from '@playwright/test'
import { startCourseServer, type CourseServer } from './fixtures/deploy/course-server.ts'
import { openRuntimePage, postJson, runApp } from './fixtures/runtime-page.ts'

// Its own two ports: E2E_PORT+2 is the one-port spec's, +4 the request-fidelity spec's.
const PORT = Number(process.env.E2E_PORT ?? 4380) + 6
const COURSE = `http://127.0.0.1:${PORT}`
let server: CourseServer

test.beforeAll(async () => {
  server = await startCourseServer(PORT, {
    AI_TOKEN_SECRET: 'e2e-token-secret-0123456789abcdefghijklmnop',
    AI_TRUST_PROXY: '127.0.0.1',
    SANDBOX_PORT: String(PORT + 1),
  })
})

test.afterAll(async () => {
  await server?.stop()
})

test('ai-hello works with tokens required, and its token is refused from another client', async ({
  page,
  request,
}) => {
  const sent: string[] = []
  page.context().on('request', (r) => {
    // ai-hello calls the Responses API; any call the app makes to the proxy must carry the token.
    if (r.url().includes('/api/openai/v1/')) sent.push(r.headers()['authorization'] ?? '')
  })
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} (${m.location().url})`))

  await openRuntimePage(page, 'ai-hello', { base: COURSE })
  expect(await runApp(page)).toBeNull()
  const res = await postJson(page, '/ask', '{"question":"What is a token?"}')
  expect(res).toMatchObject({ status: 200, runtimeError: false })
  expect((JSON.parse(res.body) as { answer: string }).answer).toContain('offline demo model')
  expect(errors).toEqual([])

  // The app's code says apiKey: 'sandbox'; what went out was the page's token.
  expect(sent.length).toBeGreaterThan(0)
  const token = sent[0]!.replace(/^Bearer /, '')
  expect(token).toMatch(/^ctk1\./)

  const call = (headers: Record<string, string>) =>
    request.post(`${COURSE}/api/openai/v1/chat/completions`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      data: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    })
  // From the learner's own address it works…
  expect((await call({})).status()).toBe(200)
  // …from another client (a different address behind the trusted proxy) it does not.
  const replayed = await call({ 'x-forwarded-for': '203.0.113.9' })
  expect(replayed.status()).toBe(401)
  expect(await replayed.json()).toMatchObject({ error: { code: 'invalid_api_key' } })
  // And the placeholder key alone no longer works.
  expect((await call({ authorization: 'Bearer sandbox' })).status()).toBe(401)
})
