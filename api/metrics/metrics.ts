/**
 * What operators graph and alert on, in Prometheus's text format (prom-client): HTTP requests
 * and their latency by route and status, AI proxy requests by outcome, upstream calls, tokens
 * spent against the daily budget, rate-limit and budget refusals, unexpected errors, and the
 * Node process (CPU, memory, event loop, GC). Served at GET /api/metrics (metrics-route.ts),
 * documented in docs/operations.md. One registry per process: several instances are scraped
 * one by one and summed by Prometheus.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { TokenBudget } from '../budget/token-budget.ts'
import type { AiBackend } from '../openai/backend.ts'
import type { RequestLogEntry } from '../request-log/request-log.ts'

export interface CourseMetrics {
  registry: Registry
  /** Counts and times every request of the app it is installed on (first middleware). */
  http(): MiddlewareHandler
  /** Fed with every AI request's log line (the same facts, so logs and metrics agree). */
  observeAiRequest(entry: RequestLogEntry): void
  /** Wraps the AI backend to count and time the calls that reach it. */
  observeBackend(backend: AiBackend): AiBackend
  /** Reports the daily token budget and what has been spent of it, read at scrape time. */
  observeBudget(budget: TokenBudget, limits: { perClient: number; global: number }): void
  /** An error no handler expected (the client got a 500). */
  unexpectedError(where: 'api' | 'ai-proxy'): void
  /** The text Prometheus scrapes, and its Content-Type. */
  render(): Promise<{ body: string; contentType: string }>
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/**
 * The route a request matched, as registered (`/api/openai/v1/models/:model{.+}`), so labels
 * stay few whatever paths clients send. Files and pages are grouped: their paths are unbounded.
 */
export function routeLabel(c: Context): string {
  const path = c.req.path
  if (path === '/api' || path.startsWith('/api/')) {
    const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL')
    return route?.path ?? '/api/*'
  }
  if (c.res.status === 404) return 'not_found'
  return (c.res.headers.get('content-type') ?? '').startsWith('text/html') ? 'page' : 'static'
}

export function createMetrics(): CourseMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]

  const requests = new Counter({
    name: 'course_http_requests_total',
    help: 'HTTP requests answered by the course origin, by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers,
  })
  const duration = new Histogram({
    name: 'course_http_request_duration_seconds',
    help: 'Time to the response head (a streamed AI answer keeps going after it), by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: SECONDS,
    registers,
  })
  const aiRequests = new Counter({
    name: 'course_ai_requests_total',
    help: 'AI proxy requests by path, status and error code ("" when it succeeded).',
    labelNames: ['path', 'status', 'code'],
    registers,
  })
  const rateLimited = new Counter({
    name: 'course_ai_rate_limited_total',
    help: 'AI proxy requests refused by the per-client rate limit (429 rate_limit_exceeded).',
    labelNames: ['path'],
    registers,
  })
  const budgetRefused = new Counter({
    name: 'course_ai_budget_refusals_total',
    help: 'AI proxy requests refused because a daily token budget was spent (429 daily_budget_exceeded).',
    registers,
  })
  const tokens = new Counter({
    name: 'course_ai_tokens_total',
    help: 'Tokens the AI answers used, from the upstream usage, by kind (prompt, completion).',
    labelNames: ['kind'],
    registers,
  })
  const upstreamCalls = new Counter({
    name: 'course_ai_upstream_calls_total',
    help: 'Calls that reached the AI backend, by API, mode (upstream or offline-demo) and outcome (ok, error).',
    labelNames: ['api', 'mode', 'outcome'],
    registers,
  })
  const upstreamDuration = new Histogram({
    name: 'course_ai_upstream_duration_seconds',
    help: 'Time until the AI backend answered (for a stream: its first event), by API and mode.',
    labelNames: ['api', 'mode'],
    buckets: SECONDS,
    registers,
  })
  const budgetLimit = new Gauge({
    name: 'course_ai_daily_token_budget',
    help: 'The daily token budget (AI_DAILY_TOKENS_GLOBAL, AI_DAILY_TOKENS_PER_CLIENT), by scope.',
    labelNames: ['scope'],
    registers,
  })
  let budgetSource: TokenBudget | undefined
  new Gauge({
    name: 'course_ai_daily_tokens_used',
    help: 'Tokens counted against the global daily budget today (UTC), shared by every instance with REDIS_URL.',
    registers,
    async collect() {
      if (!budgetSource) return
      // A counter store that is down must not break the scrape: the gauge is then left out.
      const used = await budgetSource.used('').catch(() => undefined)
      if (used) this.set(used.global)
    },
  })
  const unexpected = new Counter({
    name: 'course_unexpected_errors_total',
    help: 'Errors no handler expected (the client got a 500), by where they happened.',
    labelNames: ['where'],
    registers,
  })

  return {
    registry,
    http() {
      return async function httpMetrics(c, next) {
        const started = performance.now()
        await next()
        const labels = { route: routeLabel(c), method: c.req.method, status: String(c.res.status) }
        requests.inc(labels)
        duration.observe(labels, (performance.now() - started) / 1000)
      }
    },
    observeAiRequest(entry) {
      aiRequests.inc({ path: entry.path, status: String(entry.status), code: entry.error_code ?? '' })
      if (entry.error_code === 'rate_limit_exceeded') rateLimited.inc({ path: entry.path })
      if (entry.error_code === 'daily_budget_exceeded') budgetRefused.inc()
      if (entry.prompt_tokens) tokens.inc({ kind: 'prompt' }, entry.prompt_tokens)
      if (entry.completion_tokens) tokens.inc({ kind: 'completion' }, entry.completion_tokens)
    },
    observeBackend(backend) {
      const timed =
        <Args extends unknown[], Result>(api: string, call: (...args: Args) => Promise<Result>) =>
        async (...args: Args) => {
          const end = upstreamDuration.startTimer({ api, mode: backend.mode })
          try {
            const result = await call(...args)
            upstreamCalls.inc({ api, mode: backend.mode, outcome: 'ok' })
            return result
          } catch (err) {
            upstreamCalls.inc({ api, mode: backend.mode, outcome: 'error' })
            throw err
          } finally {
            end()
          }
        }
      return {
        mode: backend.mode,
        chat: timed('chat.completions', backend.chat.bind(backend)),
        responses: timed('responses', backend.responses.bind(backend)),
      }
    },
    observeBudget(budget, limits) {
      budgetSource = budget
      budgetLimit.set({ scope: 'global' }, limits.global)
      budgetLimit.set({ scope: 'client' }, limits.perClient)
    },
    unexpectedError(where) {
      unexpected.inc({ where })
    },
    async render() {
      return { body: await registry.metrics(), contentType: registry.contentType }
    },
  }
}

let processMetrics: CourseMetrics | undefined

/** The process's metrics, created on first use: every app of one server reports into them. */
export function defaultMetrics(): CourseMetrics {
  processMetrics ??= createMetrics()
  return processMetrics
}
