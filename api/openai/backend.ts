/**
 * What answers a validated request: the real upstream (upstream.ts) or the offline demo
 * model (demo-model.ts). Both return the same OpenAI shapes, so the routes, streaming,
 * usage counting and logging do not care which one is active.
 */
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { Response as ModelResponse, ResponseStreamEvent } from 'openai/resources/responses/responses'
import type { AiMode } from '../config.ts'

export type ChatResult = ChatCompletion | AsyncIterable<ChatCompletionChunk>
export type ResponsesResult = ModelResponse | AsyncIterable<ResponseStreamEvent>

/** A request body after validation, as sent on (nulls removed, caps and defaults applied). */
export type UpstreamBody = Record<string, unknown>

export interface AiBackend {
  readonly mode: AiMode
  /** Resolves when the answer (or, for `stream: true`, the stream's head) has arrived. */
  chat(body: UpstreamBody, signal: AbortSignal): Promise<ChatResult>
  responses(body: UpstreamBody, signal: AbortSignal): Promise<ResponsesResult>
}
