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
  /** Written after the last event. */
  trailer: string
  /** An error in the stream, in the form the SDK raises as an APIError. */
  encodeError(error: ProxyError): string
}

/** The text a model would read: characters (the AI_MAX_INPUT_CHARS cap), UTF-8 bytes and messages (the budget's estimate). */
export interface InputSize {
  chars: number
  bytes: number
  items: number
}

export interface Dialect<Body, Answer, Event> {
  /** The parameter that holds the conversation, named in input-size errors. */
  inputParam: string
  inputSize(body: Body): InputSize
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

/** UTF-8 length without encoding the string (a lone surrogate counts 3, as TextEncoder writes it). */
export function utf8Bytes(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2 // 4 bytes for two UTF-16 units
        i++
      } else bytes += 2
    } else bytes += 2
  }
  return bytes
}

class SizeCounter implements InputSize {
  chars = 0
  bytes = 0
  items = 0
  text(text: string) {
    this.chars += text.length
    this.bytes += utf8Bytes(text)
  }
  content(content: unknown) {
    if (typeof content === 'string') return this.text(content)
    if (!Array.isArray(content)) return
    for (const part of content as { text?: unknown; refusal?: unknown }[]) {
      if (typeof part.text === 'string') this.text(part.text)
      if (typeof part.refusal === 'string') this.text(part.refusal)
    }
  }
  json(value: unknown) {
    if (value != null) this.text(JSON.stringify(value))
  }
  result(): InputSize {
    return { chars: this.chars, bytes: this.bytes, items: this.items }
  }
}

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`

function usage(prompt: unknown, completion: unknown, total: unknown): TokenUsage | undefined {
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined
  return { prompt, completion, total: typeof total === 'number' ? total : prompt + completion }
}

export const chatCompletions: Dialect<ChatCompletionRequest, ChatCompletion, ChatCompletionChunk> = {
  inputParam: 'messages',
  inputSize(body) {
    const size = new SizeCounter()
    size.json(body.tools)
    size.json(body.response_format)
    for (const message of body.messages) {
      size.items++
      size.content(message.content)
      if (message.role === 'assistant') size.json(message.tool_calls)
    }
    return size.result()
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
      trailer: 'data: [DONE]\n\n',
      encodeError: (error) => sse(error.body),
    }
  },
}

const TERMINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed'])

export const responses: Dialect<ResponsesRequest, ModelResponse, ResponseStreamEvent> = {
  inputParam: 'input',
  inputSize(body) {
    const size = new SizeCounter()
    if (body.instructions) size.text(body.instructions)
    size.json(body.tools)
    size.json(body.text?.format)
    if (typeof body.input === 'string') {
      size.items++
      size.text(body.input)
      return size.result()
    }
    for (const item of body.input) {
      size.items++
      if (item.type === 'message') size.content(item.content)
      else if (item.type === 'function_call') size.text(item.arguments)
      else size.text(item.output)
    }
    return size.result()
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
      trailer: '',
      encodeError: (error) =>
        `event: error\n${sse({ type: 'error', code: error.body.error.code, message: error.body.error.message, param: error.body.error.param, sequence_number: sequence + 1 })}`,
    }
  },
}
