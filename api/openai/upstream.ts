/**
 * The real model behind the proxy: any OpenAI-compatible server (OPENAI_BASE_URL). The
 * request is one POST with the real key; the answer is read with the `openai` SDK's own
 * pieces — its typed errors (`APIError.generate`, so a 429 is a RateLimitError with its
 * headers) and its server-sent-event parser (`Stream.fromSSEResponse`, error events
 * included) — so the rest of the proxy sees exactly what the SDK client would give it.
 * The SDK client's own request path (header building, retries, logging hooks, platform
 * detection) cost more CPU per request than all of the proxy's checks together in
 * bench/ai-proxy, and the proxy needs none of it: it never retries (a retry would multiply
 * latency and cost behind the learner's back; the learner's SDK already retries 429s and
 * 5xx) and writes its own secret-free log lines.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import { Stream } from 'openai/core/streaming'
import type { AiBackend, ChatResult, ResponsesResult, UpstreamBody } from './backend.ts'

export interface UpstreamOptions {
  apiKey: string
  baseURL?: string
  timeoutMs: number
  /** For tests: a fetch that reaches a fake upstream. */
  fetch?: typeof fetch
}

const isNode =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string'

/** upstream-fetch.ts on Node, loaded on first use so other runtimes never import node:http. */
function nodeFetch(): typeof fetch {
  let loaded: Promise<typeof fetch> | undefined
  return async (input, init) => {
    loaded ??= import('./upstream-fetch.ts').then((m) => m.createUpstreamFetch())
    return (await loaded)(input, init)
  }
}

export function upstreamBackend(options: UpstreamOptions): AiBackend {
  const base = (options.baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, '')
  const send = options.fetch ?? (isNode ? nodeFetch() : fetch)
  const headers = {
    authorization: `Bearer ${options.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'course-ai-proxy',
  }
  // Only for the stream parser's own (silenced) log calls; it never sends a request.
  const sdk = new OpenAI({
    apiKey: options.apiKey,
    baseURL: base,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    logLevel: 'off',
  })

  async function post(path: string, body: UpstreamBody, signal: AbortSignal): Promise<unknown> {
    let response: Response
    try {
      response = await send(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal })
    } catch (err) {
      if (signal.aborted) throw new APIUserAbortError()
      throw new APIConnectionError({ cause: err instanceof Error ? err : undefined })
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      let json: object | undefined
      try {
        json = JSON.parse(text) as object
      } catch {
        json = undefined
      }
      throw APIError.generate(response.status, json, json ? undefined : text, response.headers)
    }
    if (body.stream === true) {
      // The SDK's parser aborts this controller when its reader stops early; the call's own
      // signal (client gone, timeout) aborts the socket.
      const controller = new AbortController()
      signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true })
      return Stream.fromSSEResponse(response, controller, sdk)
    }
    try {
      return await response.json()
    } catch (err) {
      if (signal.aborted) throw new APIUserAbortError()
      throw err // a SyntaxError: the upstream sent something that is not JSON
    }
  }

  return {
    mode: 'upstream',
    chat: (body, signal) => post('/chat/completions', body, signal) as Promise<ChatResult>,
    responses: (body, signal) => post('/responses', body, signal) as Promise<ResponsesResult>,
  }
}
