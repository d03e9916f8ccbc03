/**
 * The one place that reads configuration from the environment (each kind of value with the
 * readers of ./config-values.ts). Every value is checked at start-up so a typo in a deployment
 * fails loudly with the variable named, instead of a server that runs with a surprising default.
 */
import { resolve } from 'node:path'
import {
  booleanWord,
  ConfigError,
  readBoolean,
  readHost,
  readInt,
  readList,
  readOrigin,
  readOrigins,
  readUrl,
  type Env,
  type IntRange,
} from './config-values.ts'
import { parseNetworks, PRIVATE_NETWORKS } from './rate-limit/client-address.ts'

export { ConfigError, readOrigin, type Env } from './config-values.ts'

/** PORT, HOST and DIST_DIR: where the course listens and what it serves. */
export interface CourseServer {
  port: number
  host: string
  /** Folder with the built site (Astro's `dist/`). */
  distDir: string
}

/** Everything `npm start` needs, every variable checked. */
export interface ServerConfig extends CourseServer {
  /** Where sandboxes are served, for the course on `port`. */
  sandbox: SandboxOriginConfig
}

const PORTS: IntRange = { min: 1, max: 65535 }
const DEFAULT_HOST = '127.0.0.1'

/** PORT (default 4321), HOST (default 127.0.0.1, this machine only) and DIST_DIR (default dist). */
export function readCourseServer(env: Env = process.env): CourseServer {
  return {
    port: readInt(env, 'PORT', 4321, PORTS),
    host: readHost(env, 'HOST', DEFAULT_HOST),
    distDir: distDir(env),
  }
}

/**
 * Where the sandbox origin is served (docs/sandboxes.md, "Deploy" in the README). Derived once,
 * by readSandboxOrigin from SANDBOX_PORT, SANDBOX_ORIGIN and COURSE_ORIGIN for the course's
 * actual port (PORT under `npm start`, the dev server's port under `astro dev`), and handed to
 * everything that depends on it: the listeners (server/server.ts), the course's CSP, the runner's
 * frame-ancestors, /api/runtime-config and the AI proxy's allowed origins (readAiConfig).
 */
export interface SandboxOriginSetting {
  /** SANDBOX_PORT, default the course's port + 1 (unused when `routedByHost`). */
  port: number
  /**
   * SANDBOX_ORIGIN, the sandbox origin's public URL (e.g. https://sandbox.course.example).
   * Unset: the host name of each course request on SANDBOX_PORT (sandboxOriginFor in
   * api/runtime-config.ts).
   */
  origin?: string
  /**
   * COURSE_ORIGIN (comma-separated), the course's public URL(s): the only pages allowed to embed
   * the runner. Unset: the course's loopback URLs on its port.
   */
  courseOrigins: string[]
  /**
   * True when SANDBOX_ORIGIN names a host of its own (neither a course origin's host name nor
   * a loopback name): then one listener on PORT serves both origins, told apart by the Host
   * header (server/host-routing.ts), and SANDBOX_PORT is not used. Otherwise the sandbox origin
   * is a second port, the zero-configuration local default.
   */
  routedByHost: boolean
}

/** The sandbox origin's full configuration, for the course served at PORT. */
export interface SandboxOriginConfig extends SandboxOriginSetting {
  /** SANDBOX_TIMEOUT_MS: deadline of one request to a sandbox app, default 5000. */
  timeoutMs: number
  /** Built sandbox-origin files: `<distDir>-sandbox`. */
  distDir: string
}

/** Host names that always reach the course when routing by Host: the machine itself (health checks). */
export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]']

/**
 * The course's loopback URLs on `port`, plus HOST's when it names one host. (IPv6 literals are
 * left out: CSP source lists cannot express them, so open the course on 127.0.0.1 or localhost.)
 */
export function loopbackOrigins(port: number, host = DEFAULT_HOST): string[] {
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
  if (!host.includes(':') && host !== '0.0.0.0' && !origins.includes(`http://${host}:${port}`))
    origins.push(`http://${host}:${port}`)
  return origins
}

/** Where a build with the test-only pages goes (COURSE_TEST_PAGES=1): never the deploy's dist/. */
export const TEST_PAGES_DIST = 'dist-test'

/**
 * The built site's folder, for the build, the server, the benches and the tests alike: DIST_DIR,
 * else `dist/`, or `dist-test/` when COURSE_TEST_PAGES=1 (pages only the tests drive, which a
 * production build must never contain: asking for them in dist/ is an error).
 */
export function distDir(env: Env = process.env): string {
  const testPages = env.COURSE_TEST_PAGES === '1'
  const dir = env.DIST_DIR?.trim() || (testPages ? TEST_PAGES_DIST : 'dist')
  if (testPages && resolve(dir) === resolve('dist'))
    throw new ConfigError(
      `COURSE_TEST_PAGES=1 builds the test-only pages into ${TEST_PAGES_DIST}/ (or another DIST_DIR), never into dist/, the folder a deploy serves.`,
    )
  return dir
}

/** Where the sandbox-origin files of a site built into `distDir` live: `<distDir>-sandbox`. */
export function sandboxDistDir(distDir: string): string {
  return `${distDir.replace(/[/\\]+$/, '')}-sandbox`
}

/** COURSE_ORIGIN (comma-separated), or the course's loopback URLs on its port when unset. */
export function readCourseOrigins(env: Env, course: { port: number; host: string }): string[] {
  return readOrigins(env, 'COURSE_ORIGIN', loopbackOrigins(course.port, course.host))
}

/**
 * The course's public URL as the build writes it into pages and files: canonical links, Open
 * Graph URLs, sitemap.xml, robots.txt and llms.txt (astro.config.mjs's `site`). The first
 * COURSE_ORIGIN, so set it for the build of a public deployment; unset, the local default
 * http://127.0.0.1:PORT.
 */
export function readSiteOrigin(env: Env = process.env): string {
  const origin = readCourseOrigins(env, readCourseServer(env))[0]
  if (!origin)
    throw new ConfigError(`COURSE_ORIGIN must name at least one origin, got "${env.COURSE_ORIGIN}".`)
  return origin
}

/**
 * Host names the API answers to (besides loopback names and IP literals, which DNS rebinding
 * cannot use): those of COURSE_ORIGIN. A page on some other name that resolves to this
 * machine (DNS rebinding against a developer's `npm start`) gets a 403 instead of the key.
 */
export function readApiHosts(env: Env): string[] {
  if (!env.COURSE_ORIGIN?.trim()) return []
  return readCourseOrigins(env, { port: 0, host: DEFAULT_HOST }).map((origin) => new URL(origin).hostname)
}

/** SANDBOX_PORT, SANDBOX_ORIGIN and COURSE_ORIGIN for the course on `course.port`: where sandboxes are served. */
export function readSandboxOrigin(env: Env, course: { port: number; host: string }): SandboxOriginSetting {
  const origin = env.SANDBOX_ORIGIN?.trim() ? readOrigin(env.SANDBOX_ORIGIN, 'SANDBOX_ORIGIN') : undefined
  const courseOrigins = readCourseOrigins(env, course)
  if (origin && courseOrigins.includes(origin)) {
    throw new ConfigError(
      `SANDBOX_ORIGIN (${origin}) must not be a course origin: learner code would run with the course's storage.`,
    )
  }
  // Cookies ignore ports: a script on https://course.example:8443 sets cookies that
  // https://course.example receives (cookie tossing). Loopback names are for one developer.
  const sandboxName = origin ? new URL(origin).hostname : undefined
  const shared = courseOrigins.find((o) => new URL(o).hostname === sandboxName)
  if (sandboxName && shared && !isLoopbackHost(sandboxName)) {
    throw new ConfigError(
      `SANDBOX_ORIGIN (${origin}) has the same host name as the course (${shared}): cookies ignore ports, so learner ` +
        'code could set cookies the course receives. Serve sandboxes from a host name of their own, ideally on a ' +
        'separate registrable domain (e.g. https://course-sandbox.example for https://course.example).',
    )
  }
  const routedByHost =
    sandboxName !== undefined && !LOOPBACK_HOSTNAMES.includes(sandboxName) && shared === undefined
  const port = readInt(env, 'SANDBOX_PORT', course.port < PORTS.max ? course.port + 1 : course.port, PORTS)
  if (!routedByHost && port === course.port) {
    throw new ConfigError(
      `SANDBOX_PORT must differ from the course's port (${course.port}): sandboxes need their own origin ` +
        '(or set SANDBOX_ORIGIN to a host name of their own, e.g. https://sandbox.course.example, to serve both on one port).',
    )
  }
  return { port, origin, courseOrigins, routedByHost }
}

/** SANDBOX_PORT, SANDBOX_ORIGIN, COURSE_ORIGIN and SANDBOX_TIMEOUT_MS, for the course served at `course`. */
export function readSandboxConfig(
  env: Env,
  course: { port: number; host: string; distDir: string },
): SandboxOriginConfig {
  const setting = readSandboxOrigin(env, course)
  const timeoutMs = readInt(env, 'SANDBOX_TIMEOUT_MS', 5000, { min: 100, max: 120_000, unit: 'milliseconds' })
  return { ...setting, timeoutMs, distDir: sandboxDistDir(course.distDir) }
}

/**
 * METRICS_TOKEN: the bearer token GET /api/metrics asks for. Unset: metrics are off (404), so
 * nothing about the server's traffic is public by default.
 */
export function readMetricsToken(env: Env = process.env): string | undefined {
  const token = env.METRICS_TOKEN?.trim()
  if (!token) return undefined
  if (token.length < 16 || !/^[A-Za-z0-9._~+/-]+=*$/.test(token)) {
    // The value is never echoed: it is a secret.
    throw new ConfigError(
      'METRICS_TOKEN must be at least 16 characters of letters, digits and ._~+/- ' +
        `(got ${token.length} characters); generate one with: node -e "console.log(crypto.randomBytes(24).toString('base64url'))"`,
    )
  }
  return token
}

/**
 * What an operator should hear at start-up about the sandbox origin: on a public HOST without
 * SANDBOX_ORIGIN, sandboxes run on the course's own host name (another port), whose cookies
 * are the course's (cookie tossing); a sandbox host under the course's domain can set cookies
 * for that domain. Warnings, not errors: the first is fine on a LAN, the second is common.
 */
export function sandboxOriginWarnings(
  config: Pick<SandboxOriginConfig, 'origin' | 'courseOrigins'>,
  host: string,
): string[] {
  const warnings: string[] = []
  if (!config.origin && !isLoopbackHost(host)) {
    warnings.push(
      `SANDBOX_ORIGIN is not set and HOST (${host}) is not loopback: sandboxes run on the course's host name on ` +
        'another port, and cookies ignore ports, so learner code can set cookies the course receives. Set SANDBOX_ORIGIN ' +
        'to a host name of its own (see docs/sandboxes.md, "Production").',
    )
  }
  if (config.origin) {
    const sandbox = new URL(config.origin).hostname
    const parent = (name: string) => name.split('.').slice(-2).join('.')
    const course = config.courseOrigins
      .map((o) => new URL(o).hostname)
      .find((name) => name !== sandbox && parent(name) === parent(sandbox))
    if (course && !isLoopbackHost(sandbox) && sandbox.includes('.')) {
      warnings.push(
        `SANDBOX_ORIGIN (${sandbox}) shares the domain ${parent(sandbox)} with the course (${course}): learner code ` +
          `can set cookies for ${parent(sandbox)}, which the course receives. Prefer a separate registrable domain.`,
      )
    }
  }
  return warnings
}

export function readServerConfig(env: Env = process.env): ServerConfig {
  const course = readCourseServer(env)
  const sandbox = readSandboxConfig(env, course)
  // Checked here, not only when the API is built, so a bad AI setting stops `npm start`
  // through server.ts's ConfigError handler with the same one-line message.
  readAiConfig(env, sandbox)
  readMetricsToken(env)
  return { ...course, sandbox }
}

// ---------------------------------------------------------------------------------------
// The AI proxy (api/openai). Documented in docs/ai-proxy.md; every variable is optional.
// ---------------------------------------------------------------------------------------

export type AiMode = 'upstream' | 'offline-demo'

export interface AiConfig {
  /** `upstream` when OPENAI_API_KEY is set, otherwise the built-in offline demo model. */
  mode: AiMode
  /** The real key. Never logged, never sent to a client, never part of an error message. */
  apiKey: string | undefined
  baseURL: string | undefined
  /** Model allow-list (AI_MODELS); requests for any other model get a 404 `model_not_found`. */
  models: string[]
  maxOutputTokens: number
  maxMessages: number
  /** Characters of text across messages, input, instructions and tool definitions. */
  maxInputChars: number
  maxBodyBytes: number
  /** Hints (api/tutor) one client may ask for per hour (AI_HINTS_PER_HOUR). */
  hintsPerHour: number
  rateLimit: { limit: number; windowMs: number }
  dailyTokensPerClient: number
  dailyTokensGlobal: number
  upstreamTimeoutMs: number
  /** AI_STREAM_MAX_SECONDS: the longest one request (a stream included) may run, however steadily it sends. */
  streamMaxSeconds: number
  /** AI_MAX_CONCURRENT_PER_CLIENT: requests one client may have open at once on one instance. */
  maxConcurrentPerClient: number
  /** Origins (exact, `https://*.example.com` patterns, `null` or `*`) allowed to call /v1 cross-origin. */
  allowedOrigins: string[]
  /**
   * Without AI_ALLOWED_ORIGINS, and when the sandbox origin is a second port: that port
   * (SANDBOX_PORT, default PORT+1), on which any request's own host name is allowed too — the
   * sandbox origin when SANDBOX_ORIGIN is unset.
   */
  sandboxPort: number | undefined
  /** Origins other than the API's own that may ask for access tokens (a CDN-hosted site). */
  tokenOrigins: string[]
  tokenSecret: string | undefined
  requireToken: boolean
  tokenTtlSeconds: number
  /**
   * AI_TRUST_PROXY: addresses and networks of the reverse proxies whose X-Forwarded-For (and
   * -Host, -Proto) is believed; empty: none, the socket address is the client.
   */
  trustedProxies: string[]
  redisUrl: string | undefined
}

export const DEFAULT_AI_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5-mini', 'gpt-5-nano']

/** AI_TRUST_PROXY: `false` (default), `true` (proxies on loopback or private networks) or a list of addresses/networks. */
function readTrustedProxies(env: Env): string[] {
  const word = booleanWord(env.AI_TRUST_PROXY?.trim() || 'false')
  if (word === false) return []
  if (word === true) return [...PRIVATE_NETWORKS]
  const list = readList(env, 'AI_TRUST_PROXY') ?? []
  try {
    parseNetworks(list)
  } catch (err) {
    throw new ConfigError(
      `AI_TRUST_PROXY must be false, true (proxies on loopback or private networks) or the proxies' addresses ` +
        `or networks, comma-separated (e.g. 10.0.0.5,fd00::/8): ${(err as Error).message}.`,
    )
  }
  return list
}

/** Host names that serve anyone's code (StackBlitz previews): allowing them lets strangers' pages spend the key. */
const SHARED_PREVIEW_HOSTS =
  /(?:^|\.)(?:webcontainer-api\.io|webcontainer\.io|stackblitz\.io|stackblitz\.com)$/i

/** Whether a HOST value only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  )
}

/**
 * Reads the AI proxy's settings. `sandbox`, where learner code runs (readSandboxOrigin, for the
 * port the course actually listens on), is the default allowed origin.
 */
export function readAiConfig(
  env: Env,
  sandbox: Pick<SandboxOriginSetting, 'port' | 'origin' | 'routedByHost'>,
): AiConfig {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined
  if (apiKey !== undefined && /\s/.test(apiKey)) {
    // The value is never echoed: it is a secret, and this message reaches logs.
    throw new ConfigError('OPENAI_API_KEY contains spaces or line breaks; paste the key again without them.')
  }
  const baseURL = readUrl(env, 'OPENAI_BASE_URL', ['http:', 'https:'], 'https://api.openai.com/v1')

  const models = readList(env, 'AI_MODELS') ?? DEFAULT_AI_MODELS
  for (const model of models) {
    if (!/^[A-Za-z0-9][\w.:/-]{0,99}$/.test(model)) {
      throw new ConfigError(
        `AI_MODELS must be a comma-separated list of model names such as gpt-4o-mini, got "${model}".`,
      )
    }
  }
  if (models.length === 0)
    throw new ConfigError('AI_MODELS must name at least one model, such as gpt-4o-mini.')

  const defaultOrigins = [
    ...(sandbox.origin ? [sandbox.origin] : []),
    ...(sandbox.routedByHost ? [] : [`http://127.0.0.1:${sandbox.port}`, `http://localhost:${sandbox.port}`]),
  ]
  const explicitOrigins = Boolean(env.AI_ALLOWED_ORIGINS?.trim())
  const host = readHost(env, 'HOST', DEFAULT_HOST)
  const allowedOrigins = readOrigins(env, 'AI_ALLOWED_ORIGINS', defaultOrigins, { patterns: true })
  for (const origin of allowedOrigins) {
    if ((origin === '*' || origin === 'null') && !isLoopbackHost(host)) {
      throw new ConfigError(
        `AI_ALLOWED_ORIGINS contains "${origin}", which lets any web page (or any sandboxed frame) spend the course's ` +
          `AI budget; it is only accepted when HOST is a loopback address (127.0.0.1, localhost, ::1), got HOST=${host}.`,
      )
    }
  }

  const tokenSecret = env.AI_TOKEN_SECRET?.trim() || undefined
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new ConfigError(
      `AI_TOKEN_SECRET must be at least 32 characters long (got ${tokenSecret.length}); ` +
        'generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
    )
  }
  const requireToken = readBoolean(env, 'AI_REQUIRE_TOKEN', tokenSecret !== undefined)
  if (requireToken && tokenSecret === undefined) {
    throw new ConfigError(
      'AI_REQUIRE_TOKEN is on but AI_TOKEN_SECRET is not set: set a secret of at least 32 characters to sign access tokens.',
    )
  }
  const shared = allowedOrigins.find((origin) =>
    SHARED_PREVIEW_HOSTS.test(origin.replace(/^https?:\/\/(?:\*\.)?/, '').replace(/:\d+$/, '')),
  )
  if (shared && !requireToken) {
    throw new ConfigError(
      `AI_ALLOWED_ORIGINS contains ${shared}, which serves anyone's previews: a third party could use the course's key ` +
        "from its visitors' browsers. Allow it only with access tokens required (set AI_TOKEN_SECRET).",
    )
  }

  const maxOutputTokens = readInt(env, 'AI_MAX_OUTPUT_TOKENS', 512, { min: 1, max: 1_000_000 })
  const dailyTokensPerClient = readInt(env, 'AI_DAILY_TOKENS_PER_CLIENT', 50_000, {
    min: 1,
    max: 1_000_000_000_000,
  })
  const dailyTokensGlobal = readInt(env, 'AI_DAILY_TOKENS_GLOBAL', 2_000_000, {
    min: 1,
    max: 1_000_000_000_000,
  })
  if (dailyTokensPerClient > dailyTokensGlobal) {
    throw new ConfigError(
      `AI_DAILY_TOKENS_PER_CLIENT (${dailyTokensPerClient}) is larger than AI_DAILY_TOKENS_GLOBAL (${dailyTokensGlobal}); ` +
        "one client could then spend the whole day's budget. Lower the first or raise the second.",
    )
  }

  return {
    mode: apiKey ? 'upstream' : 'offline-demo',
    apiKey,
    baseURL,
    models,
    maxOutputTokens,
    maxMessages: readInt(env, 'AI_MAX_MESSAGES', 50, { min: 1, max: 10_000 }),
    maxInputChars: readInt(env, 'AI_MAX_INPUT_CHARS', 20_000, { min: 1, max: 10_000_000 }),
    maxBodyBytes: readInt(env, 'AI_MAX_BODY_BYTES', 128 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
    hintsPerHour: readInt(env, 'AI_HINTS_PER_HOUR', 20, { min: 1, max: 1_000_000 }),
    rateLimit: {
      limit: readInt(env, 'AI_RATE_LIMIT', 20, { min: 1, max: 1_000_000_000 }),
      windowMs: readInt(env, 'AI_RATE_LIMIT_WINDOW_SECONDS', 60, { min: 1, max: 86_400 }) * 1000,
    },
    dailyTokensPerClient,
    dailyTokensGlobal,
    upstreamTimeoutMs: readInt(env, 'AI_UPSTREAM_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 }),
    streamMaxSeconds: readInt(env, 'AI_STREAM_MAX_SECONDS', 300, { min: 1, max: 3600 }),
    maxConcurrentPerClient: readInt(env, 'AI_MAX_CONCURRENT_PER_CLIENT', 4, { min: 1, max: 100_000 }),
    allowedOrigins,
    sandboxPort: explicitOrigins || sandbox.routedByHost ? undefined : sandbox.port,
    tokenOrigins: readOrigins(env, 'AI_TOKEN_ORIGINS', [], { patterns: true }),
    tokenSecret,
    requireToken,
    tokenTtlSeconds: readInt(env, 'AI_TOKEN_TTL_SECONDS', 900, { min: 30, max: 86_400 }),
    trustedProxies: readTrustedProxies(env),
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  }
}
