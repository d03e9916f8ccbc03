/**
 * The real model behind the proxy, called with the official `openai` SDK so any
 * OpenAI-compatible server works (OPENAI_BASE_URL). The proxy never retries: a retry would
 * multiply latency and cost behind the learner's back, and the learner's own SDK already
 * retries the 429s and 5xx it gets.
 */
import OpenAI from 'openai'
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions'
import type { ResponseCreateParams } from 'openai/resources/responses/responses'
import type { AiBackend, ChatResult, ResponsesResult } from './backend.ts'

export interface UpstreamOptions {
  apiKey: string
  baseURL?: string
  timeoutMs: number
  /** For tests: a fetch that reaches a fake upstream. */
  fetch?: typeof fetch
}

export function upstreamBackend(options: UpstreamOptions): AiBackend {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    // Explicit, so the SDK does not pick these up from the environment behind config.ts's back.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    // The proxy writes its own structured, secret-free log lines.
    logLevel: 'off',
    fetch: options.fetch,
  })
  return {
    mode: 'upstream',
    // The bodies were validated against the proxy's own (stricter) schemas; the SDK's
    // parameter types are the contract on the other side.
    chat: (body, signal) =>
      client.chat.completions.create(body as unknown as ChatCompletionCreateParams, {
        signal,
      }) as Promise<ChatResult>,
    responses: (body, signal) =>
      client.responses.create(body as unknown as ResponseCreateParams, {
        signal,
      }) as Promise<ResponsesResult>,
  }
}
