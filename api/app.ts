/**
 * The API served under `/api`, the same app in production (`server/server.ts`) and in
 * `astro dev` (mounted by the dev integration in astro.config.mjs).
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  readAiConfig,
  readApiHosts,
  readCourseServer,
  readMetricsToken,
  readSandboxConfig,
  type Env,
  type SandboxOriginConfig,
} from './config.ts'
import { hostGate } from './host-gate.ts'
import { healthRoutes } from './health/health.ts'
import { openAiError } from './errors.ts'
import { defaultMetrics, type CourseMetrics } from './metrics/metrics.ts'
import { metricsRoute } from './metrics/metrics-route.ts'
import { createAiProxy, type AiProxy, type AiProxyOptions } from './openai/ai-proxy.ts'
import { requestIdOf, requestIds } from './request-log/request-id.ts'
import { runtimeConfigRoute } from './runtime-config.ts'

/** What the API needs of the sandbox origin: where it is (runtime config, AI allow-list) and its deadline. */
export type ApiSandbox = Pick<SandboxOriginConfig, 'port' | 'origin' | 'routedByHost' | 'timeoutMs'>

export interface ApiOptions {
  env?: Env
  /**
   * Where sandboxes are served for the port the course actually listens on (readSandboxConfig),
   * which `astro dev` knows only once it listens. Default: for the course on PORT.
   */
  sandbox?: ApiSandbox
  /** Where the API reports its metrics (default: the process's, api/metrics/metrics.ts). */
  metrics?: CourseMetrics
  /** Test seams for the AI proxy: request logger, counter store, backend. */
  ai?: Omit<AiProxyOptions, 'config' | 'metrics'>
}

// `astro dev` builds the API for every request (astro.config.mjs); one proxy per env object
// keeps its in-memory rate limits, budgets and Redis connection across those requests. (Its
// sandbox settings are those of the first: they do not change while a server runs.)
const proxies = new WeakMap<object, AiProxy>()

function aiProxyFor(env: Env, sandbox: ApiSandbox, metrics: CourseMetrics, seams: ApiOptions['ai']): AiProxy {
  if (seams) return createAiProxy({ config: readAiConfig(env, sandbox), metrics, ...seams })
  let proxy = proxies.get(env)
  if (!proxy) {
    proxy = createAiProxy({ config: readAiConfig(env, sandbox), metrics })
    proxies.set(env, proxy)
  }
  return proxy
}

export function createApi(options: ApiOptions = {}) {
  const api = new Hono()
  const env = options.env ?? {}
  const sandbox = options.sandbox ?? readSandboxConfig(env, readCourseServer(env))
  const metrics = options.metrics ?? defaultMetrics()
  const ai = aiProxyFor(env, sandbox, metrics, options.ai)
  api.use(requestIds())
  api.use(hostGate(readApiHosts(env)))
  api.route('/health', healthRoutes({ details: ai.health }))
  api.route('/runtime-config', runtimeConfigRoute(sandbox))
  api.route('/metrics', metricsRoute({ metrics, token: readMetricsToken(env) }))
  api.route('/openai', ai.app)
  // Keep last: a catch-all rather than notFound(), because a sub-app's notFound is not used
  // when it is mounted with route() (the site mounts this app at /api).
  api.all('*', (c) =>
    c.json(
      openAiError(`No API route ${c.req.method} ${c.req.path}.`, 'invalid_request_error', 'not_found'),
      404,
    ),
  )
  api.onError((err, c) => {
    // Middleware that refuse a request (bearerAuth) throw their finished answer.
    if (err instanceof HTTPException && err.status < 500) return err.getResponse()
    // Never a stack trace to the client; the operator's log gets the detail.
    metrics.unexpectedError('api')
    console.error(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'error',
        msg: 'api error',
        request_id: requestIdOf(c),
        path: c.req.path,
        error: String(err),
      }),
    )
    return c.json(openAiError('The server hit an unexpected error.', 'server_error', 'internal_error'), 500)
  })
  return api
}
