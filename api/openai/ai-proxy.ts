/**
 * The AI proxy, mounted at `/api/openai`: an OpenAI-compatible API under `/v1` for learner
 * code (chat completions, responses, models) and `POST /token` for course pages. Assembles
 * the protections in the order a request meets them — log, origin, rate limit, access
 * token, body limit, JSON, validation, budget — around one relay for both APIs.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { BudgetExceededError, tokenBudget } from '../budget/token-budget.ts'
import type { AiConfig, AiMode } from '../config.ts'
import {
  CounterStoreUnavailableError,
  MemoryCounterStore,
  type CounterStore,
} from '../counter-store/counter-store.ts'
import { RedisCounterStore } from '../counter-store/redis-counter-store.ts'
import { openAiError } from '../errors.ts'
import type { CourseMetrics } from '../metrics/metrics.ts'
import { clientAddress, networkKeyFor, parseNetworks } from '../rate-limit/client-address.ts'
import { inFlightLimit } from '../rate-limit/in-flight-limit.ts'
import { rateLimit } from '../rate-limit/rate-limit.ts'
import { requestIdOf } from '../request-log/request-id.ts'
import { jsonLineLogger, requestLog, type RequestLogger } from '../request-log/request-log.ts'
import { accessTokens, requireAccessToken } from './access-token.ts'
import { bodySize } from './body-size.ts'
import type { AiBackend } from './backend.ts'
import { demoBackend } from './demo-model.ts'
import { chatCompletions, responses } from './dialects.ts'
import { jsonBody } from './json-body.ts'
import { originGate, originMatcher } from './origin-gate.ts'
import { ProxyError, redactSecrets } from './proxy-error.ts'
import { relay, shown, type ProxyEnv, type RelaySettings } from './relay.ts'
import { chatCompletionSchema, responsesSchema } from './request-schemas.ts'
import { upstreamBackend } from './upstream.ts'
import { tutorRoutes } from '../tutor/tutor-routes.ts'
import { validateJson } from './validation.ts'
import { cyrb53 } from '../../src/shared/cyrb53.ts'

export interface AiProxyOptions {
  config: AiConfig
  /** Where request log lines go (default: JSON lines on stdout). */
  logger?: RequestLogger
  /** Counters for limits and budgets (default: Redis when REDIS_URL is set, else memory). */
  store?: CounterStore
  /** What answers (default: the upstream when a key is set, else the offline demo model). */
  backend?: AiBackend
  /** Pause between the demo model's streamed pieces (default 25 ms). */
  demoChunkDelayMs?: number
  /** Where the proxy is mounted, for messages that name the token endpoint. */
  mountPath?: string
  /** Where requests, upstream calls, tokens and refusals are counted (api/metrics). */
  metrics?: CourseMetrics
}

export interface AiProxy {
  app: Hono<ProxyEnv>
  mode: AiMode
  /** What /api/health reports about the proxy. */
  health(): Record<string, unknown>
  close(): Promise<void>
}

// Headers learner code and the SDK's retry logic must be able to read cross-origin.
/** How many clients' worth of requests one IPv6 /56 network gets in all. */
const NETWORK_SHARE = 4

const EXPOSED_HEADERS = [
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'x-should-retry',
]

/**
 * A short, salted hash of a client key (53 bits, cyrb53): what log lines, the upstream's
 * `user` field and access tokens carry instead of an address. Salted with the token secret
 * when there is one, so every instance derives the same tag and verifies the same tokens.
 */
export function clientTag(salt: string) {
  // Most requests come from clients seen a moment ago: remember a bounded number of tags.
  const known = new Map<string, string>()
  return (key: string) => {
    const cached = known.get(key)
    if (cached !== undefined) return cached
    const tag = hashTag(salt, key)
    if (known.size >= 10_000) known.clear()
    known.set(key, tag)
    return tag
  }
}

function hashTag(salt: string, key: string): string {
  return `c_${cyrb53(`${salt}\u0000${key}`)}`
}

export function createAiProxy(options: AiProxyOptions): AiProxy {
  const { config, metrics } = options
  const writeLog = options.logger ?? jsonLineLogger()
  // Metrics are fed the same facts as the log, so the two always agree.
  const logger: RequestLogger = metrics
    ? (entry) => {
        metrics.observeAiRequest(entry)
        writeLog(entry)
      }
    : writeLog
  const mountPath = options.mountPath ?? '/api/openai'
  const tokenPath = `${mountPath}/token`
  const secrets = [config.apiKey, config.tokenSecret]
  const store =
    options.store ??
    (config.redisUrl
      ? new RedisCounterStore(config.redisUrl, {
          onError: (message) =>
            console.error(
              JSON.stringify({
                time: new Date().toISOString(),
                level: 'error',
                msg: redactSecrets(message, secrets),
              }),
            ),
        })
      : new MemoryCounterStore())
  const chosenBackend =
    options.backend ??
    (config.apiKey
      ? upstreamBackend({
          apiKey: config.apiKey,
          baseURL: config.baseURL,
          timeoutMs: config.upstreamTimeoutMs,
        })
      : demoBackend({ chunkDelayMs: options.demoChunkDelayMs }))
  const backend = metrics ? metrics.observeBackend(chosenBackend) : chosenBackend
  const tokens = config.tokenSecret ? accessTokens(config.tokenSecret, config.tokenTtlSeconds) : undefined
  const tag = clientTag(config.tokenSecret ?? crypto.randomUUID())
  const trustedProxies = config.trustedProxies.length ? parseNetworks(config.trustedProxies) : undefined
  const settings: RelaySettings = {
    backend,
    budget: tokenBudget({ store, perClient: config.dailyTokensPerClient, global: config.dailyTokensGlobal }),
    models: new Set(config.models),
    maxOutputTokens: config.maxOutputTokens,
    maxInputChars: config.maxInputChars,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    streamMaxMs: config.streamMaxSeconds * 1000,
    secrets,
  }
  metrics?.observeBudget(settings.budget, {
    perClient: config.dailyTokensPerClient,
    global: config.dailyTokensGlobal,
  })
  const limits = { maxOutputTokens: config.maxOutputTokens, maxMessages: config.maxMessages }
  const clientKey = (c: { get(key: 'client'): string }) => c.get('client')

  const app = new Hono<ProxyEnv>()
  app.use(requestLog({ logger }))
  app.use(async function identifyClient(c, next) {
    const key = clientAddress(c, { trustedProxies })
    const clientTagged = tag(key)
    c.set('client', key)
    c.set('clientTag', clientTagged)
    c.get('requestLog').client = clientTagged
    await next()
  })

  // --- POST /token: access tokens for course pages ---
  app.use(
    '/token',
    originGate({
      allowed: originMatcher(config.tokenOrigins),
      setting: 'AI_TOKEN_ORIGINS',
      trustedProxies,
    }),
    rateLimit({
      store,
      limit: config.rateLimit.limit,
      windowMs: config.rateLimit.windowMs,
      clientKey,
      prefix: 'token',
      what: 'access tokens',
    }),
  )
  app.post('/token', async (c) => {
    c.header('Cache-Control', 'no-store')
    // Browsers always send Origin on a POST; its absence means a script, not a course page.
    if (!c.req.header('origin')) {
      throw new ProxyError(
        403,
        'Access tokens are issued to course pages only (the request had no Origin header).',
        {
          code: 'origin_required',
        },
      )
    }
    if (!tokens)
      return c.json({ object: 'course.access_token', token: 'not-needed', expires_at: null, required: false })
    const issued = await tokens.issue(c.get('clientTag'))
    return c.json({
      object: 'course.access_token',
      token: issued.token,
      expires_at: issued.expiresAt,
      required: config.requireToken,
    })
  })

  // --- /v1: the OpenAI-compatible API ---
  app.use(
    '/v1/*',
    originGate({
      allowed: originMatcher(config.allowedOrigins),
      setting: 'AI_ALLOWED_ORIGINS',
      trustedProxies,
      siblingPort: config.sandboxPort,
      exposeHeaders: EXPOSED_HEADERS,
    }),
    rateLimit({ store, limit: config.rateLimit.limit, windowMs: config.rateLimit.windowMs, clientKey }),
    // One IPv6 customer holds a /56 (256 /64 client keys): all of them together get
    // NETWORK_SHARE times one client's allowance.
    rateLimit({
      store,
      limit: config.rateLimit.limit * NETWORK_SHARE,
      windowMs: config.rateLimit.windowMs,
      clientKey: (c) => networkKeyFor(c.get('client')) ?? '',
      skip: (c) => networkKeyFor(c.get('client')) === undefined,
      prefix: 'net',
      what: 'requests to the course AI proxy from one IPv6 network (/56)',
      headers: false,
    }),
  )
  if (config.requireToken && tokens)
    app.use('/v1/*', requireAccessToken({ tokens, tokenPath, subject: (c) => c.get('clientTag') }))
  // Streams that stay open hold upstream connections: at most this many at a time per client.
  app.use('/v1/*', inFlightLimit({ limit: config.maxConcurrentPerClient, clientKey }))

  const created = Math.floor(Date.now() / 1000)
  const ownedBy = backend.mode === 'offline-demo' ? 'course-offline-demo' : 'course-proxy'
  const modelObject = (id: string) => ({ id, object: 'model', created, owned_by: ownedBy })
  app.get('/v1/models', (c) => c.json({ object: 'list', data: config.models.map(modelObject) }))
  app.get('/v1/models/:model{.+}', (c) => {
    const model = c.req.param('model')
    if (!settings.models.has(model)) {
      throw new ProxyError(404, `The model ${shown(model)} is not available on the course AI proxy.`, {
        code: 'model_not_found',
        param: 'model',
      })
    }
    return c.json(modelObject(model))
  })

  const readBody = [
    bodySize({
      maxSize: config.maxBodyBytes,
      onError: (c) =>
        c.json(
          openAiError(
            `The request body is larger than ${config.maxBodyBytes} bytes, the course AI proxy's limit.`,
            'invalid_request_error',
            'request_too_large',
          ),
          413,
        ),
    }),
    jsonBody(),
  ] as const
  app.post('/v1/chat/completions', ...readBody, validateJson(chatCompletionSchema(limits)), (c) =>
    relay(c, chatCompletions, c.req.valid('json'), settings),
  )
  app.post('/v1/responses', ...readBody, validateJson(responsesSchema(limits)), (c) =>
    relay(c, responses, c.req.valid('json'), settings),
  )

  // --- /tutor/hint: hints on a failing check, for course pages (api/tutor) ---
  app.use(
    '/tutor/*',
    originGate({
      allowed: originMatcher(config.tokenOrigins),
      setting: 'AI_TOKEN_ORIGINS',
      trustedProxies,
    }),
  )
  if (config.requireToken && tokens)
    app.use('/tutor/*', requireAccessToken({ tokens, tokenPath, subject: (c) => c.get('clientTag') }))
  app.route(
    '/tutor',
    tutorRoutes({
      settings,
      store,
      hintsPerHour: config.hintsPerHour,
      offlineChunkDelayMs: options.demoChunkDelayMs,
    }),
  )

  app.onError((err, c) => {
    if (err instanceof ProxyError) return c.json(err.body, err.status, err.headers)
    if (err instanceof BudgetExceededError) {
      const seconds = Math.max(1, Math.ceil((err.resetAt - Date.now()) / 1000))
      // x-should-retry: the SDK would otherwise retry a 429 that cannot succeed before midnight.
      return c.json(openAiError(err.message, 'insufficient_quota', 'daily_budget_exceeded'), 429, {
        'Retry-After': String(seconds),
        'x-should-retry': 'false',
      })
    }
    if (err instanceof CounterStoreUnavailableError) {
      console.error(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'counter store unavailable',
          request_id: requestIdOf(c),
          error: redactSecrets(err.message, secrets),
        }),
      )
      return c.json(
        openAiError(
          'The course AI proxy cannot check its limits right now. Try again in a moment.',
          'server_error',
          'limits_unavailable',
        ),
        503,
      )
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(
        openAiError(redactSecrets(err.message, secrets) || 'Bad request.', 'invalid_request_error', null),
        err.status as ContentfulStatusCode,
      )
    }
    // Never a stack trace to the client; the log gets a scrubbed one-liner.
    metrics?.unexpectedError('ai-proxy')
    console.error(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'error',
        msg: 'ai proxy error',
        request_id: requestIdOf(c),
        path: c.req.path,
        error: redactSecrets(String(err), secrets),
      }),
    )
    return c.json(
      openAiError('The course AI proxy hit an unexpected error.', 'server_error', 'internal_error'),
      500,
    )
  })

  return {
    app,
    mode: backend.mode,
    health: () => ({
      ai: {
        mode: backend.mode,
        models: config.models,
        counters: store.kind,
        access_token: config.requireToken ? 'required' : 'not-required',
      },
    }),
    close: () => store.close(),
  }
}
