/**
 * The ai-hello sandbox in the worker runtime, in real Chromium against the production server
 * with no OPENAI_API_KEY: learner code on the sandbox origin calls the course's real AI proxy
 * (/api/openai/v1, cross-origin, CORS) with the openai SDK and gets the offline demo model's
 * answer, plain and streamed. Drives the test page /test/runtime/ai-hello/ (COURSE_TEST_PAGES=1).
 */
import { expect, test, type Page } from '@playwright/test'
import { openRuntimePage, postJson, runApp } from './fixtures/runtime-page.ts'

const DEMO = "the course's offline demo model"
const open = (page: Page) => openRuntimePage(page, 'ai-hello')
const run = runApp
const ask = postJson

test.beforeEach(async ({ request }) => {
  // These tests are about the offline demo model; a server with a real key would answer otherwise.
  const health = (await (await request.get('/api/health')).json()) as { ai?: { mode?: string } }
  expect(health.ai?.mode).toBe('offline-demo')
})

test('ai-hello: POST /ask gets the demo model answer through the real proxy', async ({ page }) => {
  const proxyCalls: string[] = []
  page.context().on('request', (r) => {
    if (r.url().includes('/api/openai/v1/')) proxyCalls.push(`${r.method()} ${r.url()}`)
  })
  await open(page)
  expect(await run(page)).toBeNull()

  const res = await ask(page, '/ask', '{"question":"What does a 404 status code mean?"}')
  expect(res).toMatchObject({ status: 200, runtimeError: false })
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const { answer } = JSON.parse(res.body) as { answer: string }
  expect(answer).toContain(DEMO)
  expect(answer).toContain('What does a 404 status code mean?')
  // The SDK called the course's own proxy (one port below the sandbox origin), not the sandbox origin.
  expect(proxyCalls).toContain(`POST ${new URL('/api/openai/v1/responses', page.url()).href}`)

  const missing = await ask(page, '/ask', '{}')
  expect(missing).toMatchObject({ status: 400, body: '{"error":"Missing question parameter"}' })
  const errors = await page.evaluate(() => window.__runtimeTest.logs.filter((l) => l.level === 'error'))
  expect(errors).toEqual([])
})

test('ai-hello: POST /ask/stream streams the demo model answer as text', async ({ page }) => {
  await open(page)
  expect(await run(page)).toBeNull()
  const res = await ask(page, '/ask/stream', '{"question":"What is a route?"}')
  expect(res).toMatchObject({ status: 200, runtimeError: false })
  expect(res.headers['content-type']).toMatch(/^text\/plain/)
  expect(res.body).toContain(DEMO)
  expect(res.body).toContain('What is a route?')
  expect(res.body).not.toContain('cut off')
})

test('ai-hello: an upstream error (a model the proxy does not offer) becomes a clean 502', async ({
  page,
}) => {
  await open(page)
  const files = await page.evaluate(() => window.__runtimeTest.data.files)
  const edited = files['src/config.ts']!.replace("env.AI_MODEL ?? 'gpt-4.1-mini'", "'no-such-model'")
  expect(edited).not.toBe(files['src/config.ts'])
  expect(await run(page, { ...files, 'src/config.ts': edited })).toBeNull()
  const res = await ask(page, '/ask', '{"question":"Hi"}')
  expect(res).toMatchObject({
    status: 502,
    runtimeError: false,
    body: '{"error":"The AI service is unavailable, try again later"}',
  })
  // The details went to the learner's console, located in their file.
  await expect
    .poll(() =>
      page.evaluate(() => window.__runtimeTest.logs.filter((l) => l.level === 'error').map((l) => l.file)),
    )
    .toContain('src/app.ts')
})
