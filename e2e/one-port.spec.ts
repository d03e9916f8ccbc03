/**
 * One port, two origins: with SANDBOX_ORIGIN naming a host of its own, one listener serves the
 * course and the sandbox origin, told apart by Host (server/host-routing.ts). Real Chromium opens
 * the course at http://course.localhost:<port> and its sandboxes run at
 * http://sandbox.course.localhost:<port> (Chromium resolves *.localhost to loopback, and treats
 * it as a secure context, so the runner's Service Worker and storage work as on https).
 */
import { expect, test } from '@playwright/test'
import { requestAs, startCourseServer, type CourseServer } from './fixtures/deploy/course-server.ts'
import { pageErrors } from './fixtures/deploy/page-errors.ts'
import { openRuntimePage, postJson, requestApp, runApp } from './fixtures/runtime-page.ts'

// Two above the suite's server (E2E_PORT, and the sandbox origin on E2E_PORT + 1).
const port = Number(process.env.E2E_PORT ?? 4380) + 2
const COURSE = `http://course.localhost:${port}`
const SANDBOX = `http://sandbox.course.localhost:${port}`

let server: CourseServer

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  server = await startCourseServer(port, { SANDBOX_ORIGIN: SANDBOX, COURSE_ORIGIN: COURSE })
})

test.afterAll(async () => {
  expect(await server.stop()).toBe(0)
})

test('a sandbox runs on the sandbox host of the same port, and the headers follow SANDBOX_ORIGIN', async ({
  page,
}) => {
  const errors = pageErrors(page)
  const response = await page.goto(`${COURSE}/test/runtime/hello-hono/`)
  const csp = response!.headers()['content-security-policy']!
  expect(csp).toContain(`frame-src 'self' ${SANDBOX}`)
  expect(csp).toContain(`connect-src 'self' ${SANDBOX}`)
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await runApp(page)).toBeNull()
  const hello = await requestApp(page, 'GET', '/hello')
  expect(hello).toMatchObject({ status: 200, body: 'Hello, World!', runtimeError: false })

  // The runner came from the sandbox host, on the course's port, with its own headers.
  const runner = page.frames().find((f) => f.url().includes('/runner.html'))
  expect(runner && new URL(runner.url()).origin).toBe(SANDBOX)
  const direct = await requestAs(port, `${SANDBOX}/runner.html`)
  expect(direct.headers['content-security-policy']).toContain(`frame-ancestors ${COURSE}`)
  expect(direct.headers['origin-agent-cluster']).toBe('?1')
  expect(direct.headers['cross-origin-resource-policy']).toBe('cross-origin')
  expect(JSON.parse((await requestAs(port, `${COURSE}/api/runtime-config`)).body)).toMatchObject({
    sandboxOrigin: SANDBOX,
  })
  expect(errors()).toEqual([])
})

test('learner code on the sandbox host calls the course’s AI proxy on the same port', async ({ page }) => {
  const proxyCalls: string[] = []
  page.context().on('request', (r) => {
    if (r.url().includes('/api/openai/v1/')) proxyCalls.push(r.url())
  })
  await openRuntimePage(page, 'ai-hello', { base: COURSE })
  expect(await runApp(page)).toBeNull()
  const res = await postJson(page, '/ask', '{"question":"What is a port?"}')
  expect(res).toMatchObject({ status: 200, runtimeError: false })
  expect(res.body).toContain("the course's offline demo model")
  expect(proxyCalls).toContain(`${COURSE}/api/openai/v1/responses`)
  // The AI proxy's allow-list is the sandbox origin, nothing else.
  const other = await requestAs(port, `${COURSE}/api/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { Origin: `http://other.localhost:${port}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  })
  expect(other.status).toBe(403)
})

test('a Host that is neither origin is refused', async ({ page }) => {
  const response = await page.goto(`http://elsewhere.localhost:${port}/`)
  expect(response!.status()).toBe(421)
  expect(await page.textContent('body')).toContain('does not serve the host "elsewhere.localhost"')
  const api = await requestAs(port, `http://elsewhere.localhost:${port}/api/health`)
  expect(api.status).toBe(421)
})
