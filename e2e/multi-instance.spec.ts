/**
 * Several instances behind a real proxy: Debian's nginx with the shipped
 * deploy/nginx/course.conf (only its addresses replaced) in front of two course instances
 * (`node server/server.ts`, one port each, routed by Host) that share one real redis-server. All
 * started and stopped here, on loopback.
 *
 * Proves: a lesson page, the sandbox runner and AI calls work through the proxy; the AI rate
 * limit and token budget hold exactly across both instances; killing one instance during a
 * bounded load run loses no request beyond those in flight to it (nginx resends idempotent
 * ones) and the survivor serves the rest; a rolling restart drops nothing. The load runs print
 * their figures (never asserted).
 *
 * Clients are told apart by their address: the instances believe X-Forwarded-For only from
 * nginx (AI_TRUST_PROXY=127.0.0.1, the address nginx connects from), so each part uses its own
 * loopback source address (all of 127.0.0.0/8 is local on Linux), and a client's own
 * X-Forwarded-For, through nginx or straight to an instance, changes nothing.
 */
import { expect, test } from '@playwright/test'
import { startRedis, type TestRedis } from '../api/counter-store/testing/redis-server.ts'
import {
  requestAs,
  startCourseServer,
  type CourseServer,
  type PlainResponse,
} from './fixtures/deploy/course-server.ts'
import { startNginx, type Nginx } from './fixtures/deploy/nginx.ts'
import { pageErrors } from './fixtures/deploy/page-errors.ts'

// Ten above the suite's server (E2E_PORT, E2E_PORT + 1) and the one-port spec's (+ 2).
const base = Number(process.env.E2E_PORT ?? 4380) + 10
const NGINX_PORT = base
const INSTANCE_PORTS = [base + 1, base + 2]
const COURSE = `http://course.localhost:${NGINX_PORT}`
const SANDBOX = `http://sandbox.course.localhost:${NGINX_PORT}`
const METRICS_TOKEN = 'multi-instance-metrics-token'
const RATE_LIMIT = 10
const CLIENT_BUDGET = 30

let redis: TestRedis
let nginx: Nginx
const instances: CourseServer[] = []

function instanceEnv(): Record<string, string> {
  return {
    SANDBOX_ORIGIN: SANDBOX,
    COURSE_ORIGIN: COURSE,
    REDIS_URL: redis.url,
    AI_TRUST_PROXY: '127.0.0.1',
    AI_RATE_LIMIT: String(RATE_LIMIT),
    AI_RATE_LIMIT_WINDOW_SECONDS: '3600',
    AI_DAILY_TOKENS_PER_CLIENT: String(CLIENT_BUDGET),
    AI_DAILY_TOKENS_GLOBAL: '1000000',
    METRICS_TOKEN,
  }
}

const startInstance = (i: number) => startCourseServer(INSTANCE_PORTS[i]!, instanceEnv())

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  redis = await startRedis([base + 3, base + 4, base + 5])
  instances.push(...(await Promise.all([startInstance(0), startInstance(1)])))
  nginx = await startNginx(INSTANCE_PORTS, NGINX_PORT)
})

test.afterAll(async () => {
  await nginx?.stop()
  await Promise.all(instances.map((i) => i.stop()))
  await redis?.stop()
})

/** Through nginx; `localAddress` makes the request come from a client address of its own. */
function viaProxy(url: string, init: Parameters<typeof requestAs>[2] = {}) {
  return requestAs(NGINX_PORT, url, init)
}

const chatBody = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Count me' }],
  max_tokens: 4,
})
const chat = (localAddress: string) =>
  viaProxy(`${COURSE}/api/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: chatBody,
    localAddress,
  })

/** One sample of an instance's own /api/metrics (scraped on its port, as Prometheus does). */
async function metric(instance: CourseServer, line: string): Promise<number> {
  const res = await requestAs(instance.port, `http://127.0.0.1:${instance.port}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  })
  expect(res.status).toBe(200)
  const found = res.body.split('\n').find((l) => l.startsWith(`${line} `))
  return found === undefined ? 0 : Number(found.slice(line.length + 1))
}

/** Requests an instance answered, except the scrapes of its metrics. */
async function requestsServed(instance: CourseServer): Promise<number> {
  const res = await requestAs(instance.port, `http://127.0.0.1:${instance.port}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  })
  return res.body
    .split('\n')
    .filter((l) => l.startsWith('course_http_requests_total{') && !l.includes('route="/api/metrics"'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)
}

test('a lesson page, the sandbox runner and an AI call work through nginx', async ({ page }) => {
  const errors = pageErrors(page)

  await page.goto(`${COURSE}/`)
  const lesson = page.locator('a[href^="/lessons/"]').first()
  const href = await lesson.getAttribute('href')
  const response = await page.goto(`${COURSE}${href}`)
  expect(response!.status()).toBe(200)
  expect(response!.headers()['x-request-id']).toMatch(/^[0-9a-f]{32}$/) // nginx's $request_id
  await expect(page.locator('h1').first()).toBeVisible()

  await page.goto(`${COURSE}/test/runtime/ai-hello/`)
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  const runner = page.frames().find((f) => f.url().includes('/runner.html'))
  expect(runner && new URL(runner.url()).origin).toBe(SANDBOX)
  const answer = await page.evaluate(() =>
    window.__runtimeTest.request('POST', '/ask', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"question":"Which instance answers?"}',
    }),
  )
  expect(answer).toMatchObject({ status: 200, runtimeError: false })
  expect(answer.body).toContain("the course's offline demo model")
  expect(errors()).toEqual([])
  // Metrics are scraped from each instance, never through the public proxy, token or not.
  const metrics = await viaProxy(`${COURSE}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  })
  expect(metrics.status).toBe(404)
  expect(metrics.body).not.toContain('course_http_requests_total')
})

test('the AI rate limit holds exactly across both instances', async () => {
  const statuses: number[] = []
  for (let i = 0; i < RATE_LIMIT + 5; i++) {
    const res = await viaProxy(`${COURSE}/api/openai/v1/models`, { localAddress: '127.0.0.2' })
    statuses.push(res.status)
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT)
  expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429, 429, 429])
  // nginx spread them over both instances: each alone would have let 10 of its own through.
  const route = 'course_http_requests_total{route="/api/openai/v1/models",method="GET",status="200"}'
  const served = await Promise.all(instances.map((i) => metric(i, route)))
  expect(served.every((n) => n > 0)).toBe(true)
  expect(served[0]! + served[1]!).toBe(RATE_LIMIT)

  // The limited client cannot pass for another one by writing X-Forwarded-For itself: nginx
  // appends the address it saw, and only entries added by trusted proxies are skipped.
  const forged = { 'X-Forwarded-For': '198.51.100.7' }
  const throughNginx = await viaProxy(`${COURSE}/api/openai/v1/models`, {
    localAddress: '127.0.0.2',
    headers: forged,
  })
  expect(throughNginx.status).toBe(429)
  const direct = await requestAs(instances[0]!.port, `${COURSE}/api/openai/v1/models`, {
    localAddress: '127.0.0.2',
    headers: forged,
  })
  expect(direct.status).toBe(429)
  // A new client through nginx has its own allowance.
  expect((await viaProxy(`${COURSE}/api/openai/v1/models`, { localAddress: '127.0.0.4' })).status).toBe(200)
})

test('the daily token budget holds exactly across both instances', async () => {
  const answers: PlainResponse[] = []
  for (let i = 0; i < 8; i++) answers.push(await chat('127.0.0.3'))
  const used = (JSON.parse(answers[0]!.body) as { usage: { total_tokens: number } }).usage.total_tokens
  // Refused once the budget is spent: ceil(budget / tokens per answer) answers, then 429s.
  const allowed = Math.ceil(CLIENT_BUDGET / used)
  expect(allowed).toBeLessThan(8)
  expect(answers.slice(0, allowed).map((a) => a.status)).toEqual(Array(allowed).fill(200))
  for (const refused of answers.slice(allowed)) {
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'daily_budget_exceeded' } })
  }
  const route = 'course_ai_requests_total{path="/api/openai/v1/chat/completions",status="200",code=""}'
  const served = await Promise.all(instances.map((i) => metric(i, route)))
  expect(served.every((n) => n > 0)).toBe(true)
})

interface LoadResult {
  requests: number
  failures: { kind: string; status: number | string; started: number }[]
  log: { kind: string; started: number; ended: number; ok: boolean }[]
}

const KINDS = ['page', 'health', 'runner', 'ai'] as const
let clientNumber = 0

/** One request of the mix a learner's browser sends: pages, health, sandbox files, AI calls. */
async function one(kind: (typeof KINDS)[number]): Promise<number | string> {
  try {
    let res: PlainResponse
    if (kind === 'page') res = await viaProxy(`${COURSE}/`)
    else if (kind === 'health') res = await viaProxy(`${COURSE}/api/health`)
    else if (kind === 'runner') res = await viaProxy(`${SANDBOX}/runner.html`)
    else {
      // A client address of its own per AI call, so limits and budgets never refuse the load.
      const n = clientNumber++
      res = await chat(`127.0.${10 + Math.floor(n / 250)}.${1 + (n % 250)}`)
    }
    return res.status
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err)
  }
}

/** `concurrency` clients send the mix until `until()` is true or `max` requests were sent. */
async function load(options: {
  concurrency: number
  max: number
  until: () => boolean
}): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, failures: [], log: [] }
  const worker = async () => {
    while (result.requests < options.max && !options.until()) {
      const kind = KINDS[result.requests++ % KINDS.length]!
      const started = performance.now()
      const status = await one(kind)
      const ended = performance.now()
      const ok = status === 200
      result.log.push({ kind, started, ended, ok })
      if (!ok) result.failures.push({ kind, status, started })
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return result
}

test('killing one instance during a load run loses at most the requests in flight to it', async () => {
  test.setTimeout(180_000)
  const concurrency = 8
  // The kill is a window, not an instant: from the signal until the exit is observed, requests
  // still reach the instance (nginx has not seen it fail yet), and any of them may be lost.
  let killedAt = Infinity
  let diedAt = Infinity
  const run = load({ concurrency, max: 1600, until: () => false })
  await expect.poll(() => clientNumber, { timeout: 30_000 }).toBeGreaterThan(100)
  killedAt = performance.now()
  await instances[1]!.stop('SIGKILL')
  diedAt = performance.now()
  const result = await run
  const end = performance.now()

  const inFlight = result.log.filter((r) => r.started < diedAt && r.ended >= killedAt)
  const after = result.log.filter((r) => r.started >= diedAt)
  const fmt = (n: number) => (n / 1000).toFixed(1)
  console.log(
    `multi-instance kill: ${result.requests} requests, ${result.failures.length} failed ` +
      `(${result.failures.map((f) => `${f.kind} ${f.status}`).join(', ') || 'none'}), ` +
      `${inFlight.length} in flight during the kill (${(diedAt - killedAt).toFixed(1)} ms), ` +
      `${after.length} sent after it, ${fmt(end - killedAt)} s with one instance killed`,
  )
  expect(diedAt).toBeLessThan(Infinity)
  expect(result.requests).toBe(1600)
  // Every failure was a request already on its way before the instance had died…
  for (const failure of result.failures) expect(failure.started).toBeLessThan(diedAt)
  expect(result.failures.length).toBeLessThanOrEqual(inFlight.length)
  // …and nginx resent every idempotent one it could to the survivor: a GET fails only when the
  // instance died mid-answer (the client sees its connection cut, not an nginx 502), since
  // nginx cannot resend once part of an answer reached the client. A POST is never resent.
  for (const failure of result.failures)
    if (failure.kind !== 'ai')
      expect(typeof failure.status, `${failure.kind} ${failure.status}`).toBe('string')
  // The survivor served everything sent after the kill.
  expect(after.length).toBeGreaterThan(0)
  expect(after.every((r) => r.ok)).toBe(true)

  instances[1] = await startInstance(1)
})

test('a rolling restart, one instance at a time, drops nothing', async () => {
  test.setTimeout(180_000)
  let restarted = false
  const run = load({ concurrency: 6, max: 20_000, until: () => restarted })
  const started = performance.now()
  for (const i of [0, 1]) {
    // Only take an instance down while the other serves: the one restarted after the kill
    // above stays out of nginx's rotation until fail_timeout has passed and it answered.
    await expect
      .poll(() => requestsServed(instances[1 - i]!), { timeout: 30_000, intervals: [250] })
      .toBeGreaterThan(1)
    // Drain at the proxy first: marked `down` and reloaded, nginx sends it nothing more. A
    // SIGTERM alone is not enough: a connection nginx opened that the kernel had queued but
    // Node not yet accepted is reset when the listener closes, and nginx cannot resend a POST.
    await nginx.setDown(new Set([i]))
    // SIGTERM: stop accepting, finish open requests, exit 0.
    expect(await instances[i]!.stop('SIGTERM')).toBe(0)
    instances[i] = await startInstance(i)
    await nginx.setDown(new Set())
    // Back in rotation before the next one goes down: it has answered more than its own
    // start-up check (one /api/health) and these scrapes.
    await expect
      .poll(() => requestsServed(instances[i]!), { timeout: 30_000, intervals: [250] })
      .toBeGreaterThan(1)
  }
  restarted = true
  const result = await run
  console.log(
    `multi-instance rolling restart: ${result.requests} requests, ${result.failures.length} failed, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s for both instances`,
  )
  expect(result.failures).toEqual([])
})
