/**
 * Sends one validated request on and the answer back, for both APIs: model allow-list,
 * input-size cap, budget reservation, the upstream call with its timeout and abort, usage
 * for the budget and the log, and — for `stream: true` — a server-sent event stream in
 * OpenAI's own format, so the SDK's stream helpers work unchanged through the proxy.
 */
import type { Context } from 'hono'
import { APIError } from 'openai'
import type { TokenBudget } from '../budget/token-budget.ts'
import type { RequestLogEnv, TokenUsage } from '../request-log/request-log.ts'
import type { AiBackend } from './backend.ts'
import type { Dialect, InputSize, StreamCodec } from './dialects.ts'
import { ProxyError } from './proxy-error.ts'
import { UpstreamCall } from './upstream-call.ts'
import { incompleteStream, upstreamFailure } from './upstream-errors.ts'

export type ProxyEnv = RequestLogEnv & {
  Variables: {
    /** The client's key (an IPv4 address or an IPv6 /64): limits and budgets. */
    client: string
    /** Its salted hash: log lines, the upstream's `user` field, access tokens. */
    clientTag: string
  }
}

export interface RelaySettings {
  backend: AiBackend
  budget: TokenBudget
  models: ReadonlySet<string>
  maxOutputTokens: number
  maxInputChars: number
  upstreamTimeoutMs: number
  /** Longest a stream may run in all, however steadily it sends (a slow reader holds it open). */
  streamMaxMs: number
  /** Strings that must never appear in an answer or a log (the upstream key). */
  secrets: readonly (string | undefined)[]
}

/** Request text quoted for a message: escaped and cut short. */
export const shown = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)

/**
 * Input tokens reserved for a request: its text's UTF-8 bytes. Every token of a byte-level
 * BPE tokenizer covers at least one byte, so this never undercounts (characters/4 did, for
 * non-Latin text, code and emoji), plus a few tokens per message for the chat template.
 */
export const estimateInputTokens = (size: InputSize) => size.bytes + 4 * size.items

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps the compress middleware from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

interface StreamOutcome {
  usage: TokenUsage
  error?: ProxyError
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value
}

/** Relays upstream events as SSE; pull-based, so a slow client slows the upstream read too. */
function relayStream<Event>(
  events: AsyncIterable<Event>,
  codec: StreamCodec<Event>,
  call: UpstreamCall,
  fail: (err: unknown) => ProxyError,
  /** The error when the upstream stream ends before its last event. */
  incomplete: () => ProxyError,
  reserved: TokenUsage,
): { body: ReadableStream<Uint8Array>; finished: Promise<StreamOutcome> } {
  const iterator = events[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  let reported: TokenUsage | undefined
  let complete = false
  let finish!: (outcome: StreamOutcome) => void
  const finished = new Promise<StreamOutcome>((resolve) => (finish = resolve))
  // Without the usage chunk (a stream cut short) the upstream still bills the whole
  // completion it generated, reasoning included: count the full reservation.
  const outcome = (error?: ProxyError): StreamOutcome => ({ usage: reported ?? reserved, error })

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Loop until something is enqueued: a pull that enqueues nothing is not called again.
        for (;;) {
          const step = await iterator.next()
          call.touch()
          if (step.done) {
            call.dispose()
            if (complete) {
              if (codec.trailer) controller.enqueue(encoder.encode(codec.trailer))
              finish(outcome())
            } else {
              // The SDK ends a stream quietly when its signal aborts: say why it ended.
              const error = incomplete()
              if (call.reason !== 'client') controller.enqueue(encoder.encode(codec.encodeError(error)))
              finish(outcome(error))
            }
            controller.close()
            return
          }
          const event = step.value
          reported = codec.usageOf(event) ?? reported
          if (codec.isTerminal(event)) complete = true
          const text = codec.encode(event)
          if (text) {
            controller.enqueue(encoder.encode(text))
            return
          }
        }
      } catch (err) {
        call.dispose()
        const error = fail(err)
        if (call.reason !== 'client') controller.enqueue(encoder.encode(codec.encodeError(error)))
        controller.close()
        finish(outcome(error))
      }
    },
    async cancel() {
      // The client went away mid-stream: stop the upstream, which stops the spending.
      call.abort('client')
      finish(outcome(fail(new Error('client went away'))))
      try {
        await iterator.return?.()
      } catch {
        // Already aborted; nothing left to clean up.
      }
    },
  })
  return { body, finished }
}

export async function relay<Body extends { model: string; stream?: boolean | null }, Answer, Event>(
  c: Context<ProxyEnv>,
  dialect: Dialect<Body, Answer, Event>,
  body: Body,
  settings: RelaySettings,
): Promise<Response> {
  const log = c.get('requestLog')
  log.model = body.model
  log.stream = body.stream === true

  if (!settings.models.has(body.model)) {
    throw new ProxyError(
      404,
      `The model ${shown(body.model)} is not available on the course AI proxy. Use one of: ${[...settings.models].join(', ')} ` +
        '(GET /models lists them).',
      { code: 'model_not_found', param: 'model' },
    )
  }
  const input = dialect.inputSize(body)
  if (input.chars > settings.maxInputChars) {
    throw new ProxyError(
      400,
      `The input is ${input.chars} characters long; the course AI proxy accepts at most ${settings.maxInputChars} per request. ` +
        'Send a shorter text or conversation.',
      { code: 'input_too_large', param: dialect.inputParam },
    )
  }

  const upstreamBody = dialect.toUpstream(body, settings.maxOutputTokens)
  // The provider's abuse reports name this field: the server's tag for the client, never
  // what the client claims to be.
  upstreamBody.user = c.get('clientTag')
  const outputCap = Number(
    upstreamBody.max_completion_tokens ??
      upstreamBody.max_tokens ??
      upstreamBody.max_output_tokens ??
      settings.maxOutputTokens,
  )
  const inputTokens = estimateInputTokens(input)
  const reserved: TokenUsage = { prompt: inputTokens, completion: outputCap, total: inputTokens + outputCap }
  const reservation = await settings.budget.reserve(c.get('client'), reserved.total)
  // A failed settle (the counter store went away) must not turn a delivered answer into an error.
  const settle = (tokens: number) => reservation.settle(tokens).catch(() => undefined)

  const call = new UpstreamCall(c.req.raw.signal, settings.upstreamTimeoutMs, settings.streamMaxMs)
  const failureContext = () => ({
    reason: call.reason,
    timeoutMs: call.timeoutMs,
    maxMs: call.maxMs,
    secrets: settings.secrets,
  })
  const fail = (err: unknown) => upstreamFailure(err, failureContext())

  let result: Answer | AsyncIterable<Event>
  try {
    result = await dialect.call(settings.backend, upstreamBody, call.signal)
  } catch (err) {
    call.dispose()
    // An upstream that answered with an error status billed nothing. Anything else (a call
    // timed out, abandoned by the client or cut off mid-answer) may have been billed in full
    // while nobody saw the usage: keep the whole reservation.
    await settle(err instanceof APIError && err.status !== undefined ? 0 : reserved.total)
    throw fail(err)
  }

  if (body.stream !== true) {
    call.dispose()
    if (!dialect.isAnswer(result)) {
      await settle(reserved.total)
      throw fail(new SyntaxError('unexpected answer shape'))
    }
    const usage = dialect.usageOf(result) ?? reserved
    log.usage = usage
    await settle(usage.total)
    return c.json(result as object)
  }

  if (!isAsyncIterable(result)) {
    call.dispose()
    await settle(reserved.total)
    throw fail(new SyntaxError('expected a stream'))
  }
  const stream = relayStream(
    result as AsyncIterable<Event>,
    dialect.streamCodec(body),
    call,
    fail,
    () => incompleteStream('the answer', failureContext()),
    reserved,
  )
  log.finished = stream.finished.then(async (outcome) => {
    log.usage = outcome.usage
    if (outcome.error) log.errorCode = outcome.error.body.error.code ?? undefined
    // A learner closing the stream early is not a server fault.
    if (outcome.error?.body.error.code === 'client_closed_request') log.level = 'warn'
    await settle(outcome.usage.total)
  })
  return c.body(stream.body, 200, SSE_HEADERS)
}
