/**
 * The app sees what a real server would: the same app, asked the same
 * thing under Node (a real HTTP server, a raw HTTP request) and in the worker runtime in
 * Chromium, answers with the same status, headers and body — User-Agent, Cookie and Referer
 * included, which a browser's `new Request()` drops — and previews get a User-Agent and Host
 * as any server would.
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { expect, test, type Page } from '@playwright/test'
import type { SandboxFiles } from '../src/sandbox/runtime.ts'
import app from './fixtures/worker-runtime/echo-request/src/app.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures/worker-runtime/echo-request')
const files: SandboxFiles = {
  'src/app.ts': readFileSync(join(FIXTURE, 'src/app.ts'), 'utf8'),
  'public/index.html': readFileSync(join(FIXTURE, 'public/index.html'), 'utf8'),
}
const PORT = Number(process.env.E2E_PORT ?? 4380) + 4
let server: ServerType

// One Node server on one port for the file: parallel workers would each start it (EADDRINUSE).
test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: PORT, hostname: '127.0.0.1' }, () => resolve(s))
  })
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

/** Exactly these headers (plus Host and Content-Length, which Node's client adds as any client does). */
function underNode(method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Content-Length as curl and fetch send it (Node's own client would stream a chunked body).
    const sized =
      body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, path: '/echo', method, headers: sized },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, body: text }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function inBrowser(page: Page, method: string, headers: Record<string, string>, body?: string) {
  return page.evaluate(([m, h, b]) => window.__runtimeTest.request(m, '/echo', { headers: h, body: b }), [
    method,
    headers,
    body,
  ] as const)
}

const CASES: [string, string, Record<string, string>, string | undefined][] = [
  [
    'a GET with a User-Agent, a Cookie and a Referer',
    'GET',
    {
      'User-Agent': 'curl/8.5.0',
      Cookie: 'session=abc; theme=dark',
      Referer: 'https://example.com/page',
      'X-Custom': 'yes',
    },
    undefined,
  ],
  [
    'a POST with a JSON body',
    'POST',
    { 'User-Agent': 'course-test', 'Content-Type': 'application/json' },
    '{"name":"Ada"}',
  ],
  ['a status the app chose', 'PUT', { 'User-Agent': 'course-test', 'Content-Type': 'text/plain' }, 'teapot'],
]

test('the same request gets the same answer under Node and in the worker runtime', async ({ page }) => {
  await page.goto('/test/runtime/hello-hono/')
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate((f) => window.__runtimeTest.run(f), files)).toBeNull()
  for (const [name, method, headers, body] of CASES) {
    const node = await underNode(method, headers, body)
    const browser = await inBrowser(page, method, headers, body)
    expect(browser.status, name).toBe(node.status)
    expect(browser.body, name).toBe(node.body)
    expect(browser.headers['content-type'], name).toBe(node.headers['content-type'])
    expect(browser.headers['x-seen-user-agent'], name).toBe(node.headers['x-seen-user-agent'])
  }
})

test('with no User-Agent given, the app sees the browser’s, and a Host, as a real server would', async ({
  page,
}) => {
  await page.goto('/test/runtime/hello-hono/')
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate((f) => window.__runtimeTest.run(f), files)).toBeNull()
  const userAgent = await page.evaluate(() => navigator.userAgent)
  const seen = JSON.parse((await inBrowser(page, 'GET', {})).body) as Record<string, unknown>
  expect(seen).toMatchObject({ userAgent, hasHost: true })

  // A preview's own fetch goes through the Service Worker: the app still sees both.
  await page.evaluate(() => window.__runtimeTest.showPreview('/'))
  const echo = page.frameLocator('#preview').locator('#echo')
  await expect(echo).toHaveText(/^\{/)
  expect(JSON.parse((await echo.textContent())!)).toMatchObject({ userAgent, hasHost: true })
})
