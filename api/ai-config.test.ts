import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DEFAULT_AI_MODELS,
  readAiConfig,
  readCourseServer,
  readSandboxConfig,
  readServerConfig,
  type Env,
} from './config.ts'

/** The AI settings of the course on PORT, with its sandbox origin: what `npm start` reads. */
const aiConfig = (env: Env) => readAiConfig(env, readSandboxConfig(env, readCourseServer(env)))

describe('readAiConfig', () => {
  it('defaults to the offline demo model with safe limits and the sandbox origin on PORT+1', () => {
    const config = aiConfig({})
    expect(config).toMatchObject({
      mode: 'offline-demo',
      apiKey: undefined,
      models: DEFAULT_AI_MODELS,
      maxOutputTokens: 512,
      rateLimit: { limit: 20, windowMs: 60_000 },
      requireToken: false,
      trustedProxies: [],
      redisUrl: undefined,
    })
    expect(config.allowedOrigins).toContain('http://127.0.0.1:4322')
    // StackBlitz previews are anyone's: never allowed unless the operator opts in.
    expect(config.allowedOrigins.join()).not.toContain('webcontainer')
    expect(config.sandboxPort).toBe(4322)
    expect(aiConfig({ PORT: '8080' }).allowedOrigins).toContain('http://localhost:8081')
  })

  it('follows the sandbox origin settings (SANDBOX_PORT, SANDBOX_ORIGIN) unless AI_ALLOWED_ORIGINS is set', () => {
    const twoPorts = aiConfig({ SANDBOX_PORT: '5000', SANDBOX_ORIGIN: 'http://localhost:5000' })
    expect(twoPorts.allowedOrigins).toEqual(
      expect.arrayContaining(['http://localhost:5000', 'http://127.0.0.1:5000']),
    )
    expect(twoPorts.sandboxPort).toBe(5000)
    expect(() => aiConfig({ SANDBOX_ORIGIN: 'sandbox' })).toThrow(/SANDBOX_ORIGIN must be a URL/)
  })

  it('on one port routed by Host, allows exactly the sandbox origin', () => {
    const config = aiConfig({
      SANDBOX_PORT: '5000',
      SANDBOX_ORIGIN: 'https://sandbox.course.example',
      COURSE_ORIGIN: 'https://course.example',
    })
    expect(config.allowedOrigins).toEqual(['https://sandbox.course.example'])
    expect(config.sandboxPort).toBeUndefined()
  })

  it('reads every variable', () => {
    const config = aiConfig({
      OPENAI_API_KEY: ' sk-test-abc ',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      AI_MODELS: 'llama3.2, qwen2.5:7b',
      AI_MAX_OUTPUT_TOKENS: '1_000',
      AI_MAX_MESSAGES: '10',
      AI_MAX_INPUT_CHARS: '5000',
      AI_MAX_BODY_BYTES: '65536',
      AI_HINTS_PER_HOUR: '5',
      AI_RATE_LIMIT: '5',
      AI_RATE_LIMIT_WINDOW_SECONDS: '10',
      AI_DAILY_TOKENS_PER_CLIENT: '100',
      AI_DAILY_TOKENS_GLOBAL: '1000',
      AI_UPSTREAM_TIMEOUT_MS: '5000',
      AI_STREAM_MAX_SECONDS: '60',
      AI_MAX_CONCURRENT_PER_CLIENT: '2',
      AI_ALLOWED_ORIGINS: 'https://sandbox.example.com, https://*.preview.example.com',
      AI_TOKEN_ORIGINS: 'https://course.example.com',
      AI_TOKEN_SECRET: 'x'.repeat(32),
      AI_TOKEN_TTL_SECONDS: '600',
      AI_TRUST_PROXY: '10.0.0.5, fd00::/8',
      REDIS_URL: 'redis://:pw@redis:6379/0',
    })
    expect(config).toEqual({
      mode: 'upstream',
      apiKey: 'sk-test-abc',
      baseURL: 'http://127.0.0.1:11434/v1',
      models: ['llama3.2', 'qwen2.5:7b'],
      maxOutputTokens: 1000,
      maxMessages: 10,
      maxInputChars: 5000,
      maxBodyBytes: 65536,
      hintsPerHour: 5,
      rateLimit: { limit: 5, windowMs: 10_000 },
      dailyTokensPerClient: 100,
      dailyTokensGlobal: 1000,
      upstreamTimeoutMs: 5000,
      streamMaxSeconds: 60,
      maxConcurrentPerClient: 2,
      allowedOrigins: ['https://sandbox.example.com', 'https://*.preview.example.com'],
      sandboxPort: undefined,
      tokenOrigins: ['https://course.example.com'],
      tokenSecret: 'x'.repeat(32),
      requireToken: true,
      tokenTtlSeconds: 600,
      trustedProxies: ['10.0.0.5', 'fd00::/8'],
      redisUrl: 'redis://:pw@redis:6379/0',
    })
  })

  it.each([
    ['AI_RATE_LIMIT', 'lots', /AI_RATE_LIMIT must be a whole number between 1 and/],
    ['AI_RATE_LIMIT', '0', /AI_RATE_LIMIT must be between 1 and/],
    ['AI_HINTS_PER_HOUR', '0', /AI_HINTS_PER_HOUR must be between 1 and/],
    ['AI_MAX_OUTPUT_TOKENS', '-5', /AI_MAX_OUTPUT_TOKENS must be a whole number/],
    ['AI_MAX_OUTPUT_TOKENS', '2.5', /AI_MAX_OUTPUT_TOKENS must be a whole number/],
    ['AI_DAILY_TOKENS_GLOBAL', '1e6', /AI_DAILY_TOKENS_GLOBAL must be a whole number/],
    ['AI_MAX_BODY_BYTES', '10', /AI_MAX_BODY_BYTES must be between 1024 and/],
    ['AI_UPSTREAM_TIMEOUT_MS', '99999999', /AI_UPSTREAM_TIMEOUT_MS must be between 100 and 600000/],
    ['AI_TRUST_PROXY', 'maybe', /AI_TRUST_PROXY must be false, true .*"maybe" is not an IP address/],
    ['AI_TRUST_PROXY', '10.0.0.0/33', /AI_TRUST_PROXY must be/],
    ['AI_ALLOWED_ORIGINS', 'https://*.webcontainer-api.io', /serves anyone's previews.*AI_TOKEN_SECRET/],
    ['AI_MODELS', 'gpt 4', /AI_MODELS must be a comma-separated list of model names/],
    ['AI_MODELS', ' , ', /AI_MODELS must name at least one model/],
    [
      'AI_ALLOWED_ORIGINS',
      'http://127.0.0.1:4322/v1',
      /AI_ALLOWED_ORIGINS must be an http\(s\) origin with no path/,
    ],
    ['AI_ALLOWED_ORIGINS', 'https://a.*.example.com', /AI_ALLOWED_ORIGINS must be an http\(s\) origin/],
    ['AI_TOKEN_ORIGINS', 'ftp://course.example', /AI_TOKEN_ORIGINS must be an http\(s\) origin/],
    ['AI_ALLOWED_ORIGINS', 'sandbox.example.com', /got "sandbox.example.com"/],
    ['AI_TOKEN_SECRET', 'short', /AI_TOKEN_SECRET must be at least 32 characters long \(got 5\)/],
    ['AI_REQUIRE_TOKEN', 'true', /AI_REQUIRE_TOKEN is on but AI_TOKEN_SECRET is not set/],
    ['OPENAI_BASE_URL', 'api.openai.com', /OPENAI_BASE_URL must be a URL/],
    ['OPENAI_BASE_URL', 'ftp://x/v1', /OPENAI_BASE_URL must start with http:\/\/ or https:\/\//],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must/],
    [
      'REDIS_URL',
      'http://user:hunter2@redis:6379',
      /REDIS_URL must start with redis:\/\/ or rediss:\/\/, got "http:\/\/…"/,
    ],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => aiConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => aiConfig({ [name]: value })).toThrow(message)
  })

  it('never repeats a secret in its messages', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        aiConfig(env)
        return ''
      } catch (err) {
        return (err as Error).message
      }
    }
    expect(attempt({ OPENAI_API_KEY: 'sk-abc def-SECRETPART' })).not.toContain('SECRETPART')
    expect(attempt({ AI_TOKEN_SECRET: 'SECRETPART' })).not.toContain('SECRETPART')
    expect(attempt({ REDIS_URL: 'http://user:SECRETPART@redis' })).not.toContain('SECRETPART')
  })

  it('reads AI_TRUST_PROXY=true as proxies on loopback or private networks', () => {
    expect(aiConfig({ AI_TRUST_PROXY: 'true' }).trustedProxies).toContain('10.0.0.0/8')
    expect(aiConfig({ AI_TRUST_PROXY: 'false' }).trustedProxies).toEqual([])
  })

  it('allows StackBlitz previews only with access tokens required', () => {
    const env = { AI_ALLOWED_ORIGINS: 'https://*.webcontainer-api.io', AI_TOKEN_SECRET: 'x'.repeat(32) }
    expect(aiConfig(env).allowedOrigins).toEqual(['https://*.webcontainer-api.io'])
    expect(() => aiConfig({ ...env, AI_REQUIRE_TOKEN: 'false' })).toThrow(/AI_TOKEN_SECRET/)
  })

  it('reads allowed origins as browsers send Origin (lower case, no default port, no slash)', () => {
    const env = { AI_ALLOWED_ORIGINS: 'HTTPS://Sandbox.Example.com:443/, http://*.preview.example.com:8080' }
    expect(aiConfig(env).allowedOrigins).toEqual([
      'https://sandbox.example.com',
      'http://*.preview.example.com:8080',
    ])
  })

  it('accepts * and null only on a loopback HOST', () => {
    expect(aiConfig({ AI_ALLOWED_ORIGINS: '*' }).allowedOrigins).toEqual(['*'])
    expect(aiConfig({ AI_ALLOWED_ORIGINS: 'null', HOST: 'localhost' }).allowedOrigins).toEqual(['null'])
    expect(() => aiConfig({ AI_ALLOWED_ORIGINS: '*', HOST: '0.0.0.0' })).toThrow(
      /only accepted when HOST is a loopback/,
    )
    expect(() => aiConfig({ AI_ALLOWED_ORIGINS: 'https://a.example,null', HOST: '10.1.2.3' })).toThrow(
      /contains "null"/,
    )
  })

  it('refuses a per-client budget above the global one', () => {
    expect(() => aiConfig({ AI_DAILY_TOKENS_PER_CLIENT: '10', AI_DAILY_TOKENS_GLOBAL: '5' })).toThrow(
      /larger than AI_DAILY_TOKENS_GLOBAL/,
    )
  })

  it('is checked by readServerConfig, so npm start stops with the message', () => {
    expect(() => readServerConfig({ AI_RATE_LIMIT: 'x' })).toThrow(/AI_RATE_LIMIT/)
  })

  it('stops the production server at start-up with a one-line message and exit code 1', () => {
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '../server/server.ts')], {
      env: { ...process.env, PORT: '4490', AI_RATE_LIMIT: 'plenty', OPENAI_API_KEY: '' },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      'Configuration error: AI_RATE_LIMIT must be a whole number between 1 and 1000000000, got "plenty".',
    )
  })
})
