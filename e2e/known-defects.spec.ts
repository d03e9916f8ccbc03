/**
 * Defects found on a quiet machine, each pinned by a check: a runner that
 * never loads ends in an error, not "Starting…" for ever; a Node-only sandbox does not claim
 * to run in the browser before its script runs; the CSP names no source Chromium rejects; an
 * API path with dot segments gets an OpenAI-shaped answer.
 */
import { request as httpRequest } from 'node:http'
import { expect, test } from '@playwright/test'

test('a runner page that never loads ends in a crashed status that says what to check', async ({ page }) => {
  // The runner page is requested and never answered (a sandbox server that hangs).
  await page.route('**/runner.html?**', () => new Promise(() => {}))
  await page.goto('/test/runtime/hello-hono/?runner-timeout=1500')
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  const error = await page.evaluate(() => window.__runtimeTest.run())
  expect(error).toMatch(/The sandbox runner at .* did not load within 1.5 s/)
  const last = await page.evaluate(() => window.__runtimeTest.statuses.at(-1))
  expect(last).toMatchObject({ state: 'crashed' })
})

test('before any script runs, a Node-only sandbox says it runs in Node', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto('/lessons/03-web-and-application-servers/04-node-servers-in-the-browser/')
    const nodeOnly = page.locator('course-sandbox[data-name="node-env-config"] [data-runtime-label]')
    await expect(nodeOnly).toHaveText('Node (WebContainer)')
    await page.goto('/lessons/01-what-is-backend/04-your-first-endpoint/')
    await expect(page.locator('course-sandbox[data-name="hello-hono"] [data-runtime-label]')).toHaveText(
      'Browser runtime',
    )
  } finally {
    await context.close()
  }
})

test('the course CSP names no IPv6 literal (Chromium rejects http://[::1]:port as a source)', async ({
  request,
}) => {
  const csp = (await request.get('/')).headers()['content-security-policy'] ?? ''
  expect(csp).toContain('frame-src')
  expect(csp).not.toContain('[')
})

/** A raw HTTP request, so the path reaches the server with its dot segments as sent. */
function raw(baseURL: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(baseURL)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

test('API paths with dot segments get OpenAI-shaped errors', async ({ baseURL }) => {
  for (const path of [
    '/api/openai/v1/../models',
    '/api/openai/v1/%2e%2e/models',
    '/api/openai/v1/.%2e/x',
    '/api/openai/v1/models/..',
    '/api/openai/v1//models',
    '/api/openai/v1/%2e%2e%2f%2e%2e/x',
  ]) {
    const res = await raw(baseURL!, path)
    expect(res.status, path).toBeGreaterThanOrEqual(400)
    expect(res.status, path).toBeLessThan(500)
    expect(res.type, path).toMatch(/^application\/json/)
    expect(JSON.parse(res.body), path).toMatchObject({ error: { type: 'invalid_request_error' } })
  }
})
