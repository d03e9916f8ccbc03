/**
 * The two OpenAI APIs the proxy serves, described by what differs between them: how a
 * request is sent on, where usage is reported, how stream events are written as SSE, and
 * what marks a complete stream. relay.ts does the rest once for both.
 */
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { Response as ModelResponse, ResponseStreamEvent } from 'openai/resources/responses/responses'
import type { TokenUsage } from '../request-log/request-log.ts'
import type { AiBackend, UpstreamBody } from './backend.ts'
import type { ProxyError } from './proxy-error.ts'
import type { ChatCompletionRequest, ResponsesRequest } from './request-schemas.ts'

/** Encodes one request's stream events as server-sent events. */
export interface StreamCodec<Event> {
  /** The SSE text for an event, or undefined to leave it out. */
  encode(event: Event): string | undefined
  usageOf(event: Event): TokenUsage | undefined
  /** Whether the upstream said the answer is complete; a stream that ends without it was cut off. */
  isTerminal(event: Event): boolean
  /** Characters of generated text, to estimate usage when a stream breaks off. */
  textLength(event: Event): number
  /** Written after the last event. */
  trailer: string
  /** An error in the stream, in the form the SDK raises as an APIError. */
  encodeError(error: ProxyError): string
}

export interface Dialect<Body, Answer, Event> {
  /** The parameter that holds the conversation, named in input-size errors. */
  inputParam: string
  /** Characters of text the model would read. */
  inputChars(body: Body): number
  toUpstream(body: Body, maxOutputTokens: number): UpstreamBody
  call(backend: AiBackend, body: UpstreamBody, signal: AbortSignal): Promise<Answer | AsyncIterable<Event>>
  /** A minimal shape check: an upstream that answers something else is broken. */
  isAnswer(result: unknown): result is Answer
  usageOf(answer: Answer): TokenUsage | undefined
  streamCodec(body: Body): StreamCodec<Event>
}

/** Drops nulls (OpenAI treats them as "not given"), so defaults below apply. */
function withoutNulls(body: object): UpstreamBody {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined))
}

function textChars(content: unknown): number {
  if (typeof content === 'string') return content.length
  if (!Array.isArray(content)) return 0
  let total = 0
  for (const part of content as { text?: unknown; refusal?: unknown }[]) {
    if (typeof part.text === 'string') total += part.text.length
    if (typeof part.refusal === 'string') total += part.refusal.length
  }
  return total
}

function jsonChars(value: unknown): number {
  return value == null ? 0 : JSON.stringify(value).length
}

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`

function usage(prompt: unknown, completion: unknown, total: unknown): TokenUsage | undefined {
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined
  return { prompt, completion, total: typeof total === 'number' ? total : prompt + completion }
}

export const chatCompletions: Dialect<ChatCompletionRequest, ChatCompletion, ChatCompletionChunk> = {
  inputParam: 'messages',
  inputChars(body) {
    let total = jsonChars(body.tools) + jsonChars(body.response_format)
    for (const message of body.messages) {
      total += textChars(message.content)
      if (message.role === 'assistant') total += jsonChars(message.tool_calls)
    }
    return total
  },
  toUpstream(body, maxOutputTokens) {
    const upstream = withoutNulls(body)
    if (body.max_tokens == null && body.max_completion_tokens == null)
      upstream.max_completion_tokens = maxOutputTokens
    // Usage is what the budget counts, so always ask for it; chunks the client did not ask
    // for are left out of its stream again (streamCodec).
    if (body.stream) upstream.stream_options = { include_usage: true }
    return upstream
  },
  call: (backend, body, signal) => backend.chat(body, signal),
  isAnswer: (result): result is ChatCompletion =>
    result !== null && typeof result === 'object' && Array.isArray((result as { choices?: unknown }).choices),
  usageOf: (answer) =>
    usage(answer.usage?.prompt_tokens, answer.usage?.completion_tokens, answer.usage?.total_tokens),
  streamCodec(body) {
    const includeUsage = body.stream_options?.include_usage === true
    return {
      encode(chunk) {
        if (!includeUsage && chunk.usage && chunk.choices.length === 0) return undefined
        return sse(includeUsage || !chunk.usage ? chunk : { ...chunk, usage: undefined })
      },
      usageOf: (chunk) =>
        usage(chunk.usage?.prompt_tokens, chunk.usage?.completion_tokens, chunk.usage?.total_tokens),
      isTerminal: (chunk) => chunk.choices?.some((choice) => choice.finish_reason != null) ?? false,
      textLength: (chunk) =>
        chunk.choices?.reduce((sum, choice) => sum + (choice.delta?.content?.length ?? 0), 0) ?? 0,
      trailer: 'data: [DONE]\n\n',
      encodeError: (error) => sse(error.body),
    }
  },
}

const TERMINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed'])

export const responses: Dialect<ResponsesRequest, ModelResponse, ResponseStreamEvent> = {
  inputParam: 'input',
  inputChars(body) {
    let total = (body.instructions?.length ?? 0) + jsonChars(body.tools) + jsonChars(body.text?.format)
    if (typeof body.input === 'string') return total + body.input.length
    for (const item of body.input) {
      if (item.type === 'message') total += textChars(item.content)
      else if (item.type === 'function_call') total += item.arguments.length
      else total += item.output.length
    }
    return total
  },
  toUpstream(body, maxOutputTokens) {
    const upstream = withoutNulls(body)
    if (body.max_output_tokens == null) upstream.max_output_tokens = maxOutputTokens
    upstream.store = false
    return upstream
  },
  call: (backend, body, signal) => backend.responses(body, signal),
  isAnswer: (result): result is ModelResponse =>
    result !== null && typeof result === 'object' && Array.isArray((result as { output?: unknown }).output),
  usageOf: (answer) =>
    usage(answer.usage?.input_tokens, answer.usage?.output_tokens, answer.usage?.total_tokens),
  streamCodec() {
    let sequence = 0
    return {
      encode(event) {
        if (typeof event.sequence_number === 'number') sequence = event.sequence_number
        return `event: ${event.type}\n${sse(event)}`
      },
      usageOf(event) {
        if (!TERMINAL_RESPONSE_EVENTS.has(event.type)) return undefined
        const answer = (event as { response?: ModelResponse }).response
        return usage(answer?.usage?.input_tokens, answer?.usage?.output_tokens, answer?.usage?.total_tokens)
      },
      isTerminal: (event) => TERMINAL_RESPONSE_EVENTS.has(event.type),
      textLength: (event) => (event.type === 'response.output_text.delta' ? event.delta.length : 0),
      trailer: '',
      encodeError: (error) =>
        `event: error\n${sse({ type: 'error', code: error.body.error.code, message: error.body.error.message, param: error.body.error.param, sequence_number: sequence + 1 })}`,
    }
  },
}
