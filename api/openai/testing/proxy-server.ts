/**
 * Starts the course API (with the AI proxy) on a loopback port the way production serves
 * it — `/api` on @hono/node-server — with request log lines captured for assertions.
 */
import { Hono } from 'hono'
import OpenAI from 'openai'
import { createApi } from '../../app.ts'
import type { Env } from '../../config.ts'
import type { CounterStore } from '../../counter-store/counter-store.ts'
import type { RequestLogEntry } from '../../request-log/request-log.ts'
import { listen, type Loopback } from './loopback.ts'

export interface TestProxy extends Loopback {
  /** The SDK's baseURL for this proxy. */
  baseURL: string
  logs: RequestLogEntry[]
  /** An SDK client as a learner's code would create it; no retries, so tests see every answer. */
  client(options?: { apiKey?: string; headers?: Record<string, string> }): OpenAI
}

export interface TestProxyOptions {
  env: Env
  ports: readonly number[]
  store?: CounterStore
  demoChunkDelayMs?: number
}

export async function startProxy(options: TestProxyOptions): Promise<TestProxy> {
  const logs: RequestLogEntry[] = []
  const api = createApi({
    env: options.env,
    ai: {
      logger: (entry) => logs.push(entry),
      store: options.store,
      demoChunkDelayMs: options.demoChunkDelayMs ?? 0,
    },
  })
  const app = new Hono().route('/api', api)
  const server = await listen(app.fetch, options.ports)
  const baseURL = `${server.url}/api/openai/v1`
  return {
    ...server,
    baseURL,
    logs,
    client: (client = {}) =>
      new OpenAI({
        baseURL,
        apiKey: client.apiKey ?? 'sandbox',
        maxRetries: 0,
        defaultHeaders: client.headers,
        logLevel: 'off',
      }),
  }
}
