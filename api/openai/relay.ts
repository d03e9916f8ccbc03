/**
 * Sends one validated request on and the answer back, for both APIs: model allow-list,
 * input-size cap, budget reservation, the upstream call with its timeout and abort, usage
 * for the budget and the log, and — for `stream: true` — a server-sent event stream in
 * OpenAI's own format, so the SDK's stream helpers work unchanged through the proxy.
 */
import type { Context } from 'hono'
import type { TokenBudget } from '../budget/token-budget.ts'
import type { RequestLogEnv, TokenUsage } from '../request-log/request-log.ts'
import type { AiBackend } from './backend.ts'
import type { Dialect, StreamCodec } from './dialects.ts'
import { ProxyError } from './proxy-error.ts'
import { UpstreamCall } from './upstream-call.ts'
import { upstreamFailure } from './upstream-errors.ts'

export type ProxyEnv = RequestLogEnv & { Variables: { client: string } }

export interface RelaySettings {
  backend: AiBackend
  budget: TokenBudget
  models: ReadonlySet<string>
  maxOutputTokens: number
  maxInputChars: number
  upstreamTimeoutMs: number
  /** Strings that must never appear in an answer or a log (the upstream key). */
  secrets: readonly (string | undefined)[]
}

/** Request text quoted for a message: escaped and cut short. */
export const shown = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)

/** About four characters per token for English text; only used where the upstream reports nothing. */
export const estimateTokens = (chars: number) => Math.ceil(chars / 4)

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
  inputTokens: number,
): { body: ReadableStream<Uint8Array>; finished: Promise<StreamOutcome> } {
  const iterator = events[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  let reported: TokenUsage | undefined
  let generatedChars = 0
  let complete = false
  let finish!: (outcome: StreamOutcome) => void
  const finished = new Promise<StreamOutcome>((resolve) => (finish = resolve))
  const outcome = (error?: ProxyError): StreamOutcome => {
    const completion = estimateTokens(generatedChars)
    return { usage: reported ?? { prompt: inputTokens, completion, total: inputTokens + completion }, error }
  }

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
              const error = call.reason
                ? fail(new Error(`aborted: ${call.reason}`))
                : new ProxyError(
                    502,
                    "The AI provider's stream ended before the answer was complete. Try again.",
                    {
                      type: 'server_error',
                      code: 'upstream_stream_incomplete',
                    },
                  )
              if (call.reason !== 'client') controller.enqueue(encoder.encode(codec.encodeError(error)))
              finish(outcome(error))
            }
            controller.close()
            return
          }
          const event = step.value
          reported = codec.usageOf(event) ?? reported
          generatedChars += codec.textLength(event)
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
  const inputChars = dialect.inputChars(body)
  if (inputChars > settings.maxInputChars) {
    throw new ProxyError(
      400,
      `The input is ${inputChars} characters long; the course AI proxy accepts at most ${settings.maxInputChars} per request. ` +
        'Send a shorter text or conversation.',
      { code: 'input_too_large', param: dialect.inputParam },
    )
  }

  const upstreamBody = dialect.toUpstream(body, settings.maxOutputTokens)
  const outputCap = Number(
    upstreamBody.max_completion_tokens ??
      upstreamBody.max_tokens ??
      upstreamBody.max_output_tokens ??
      settings.maxOutputTokens,
  )
  const inputTokens = estimateTokens(inputChars)
  const reservation = await settings.budget.reserve(c.get('client'), inputTokens + outputCap)
  // A failed settle (the counter store went away) must not turn a delivered answer into an error.
  const settle = (tokens: number) => reservation.settle(tokens).catch(() => undefined)

  const call = new UpstreamCall(c.req.raw.signal, settings.upstreamTimeoutMs)
  const fail = (err: unknown) =>
    upstreamFailure(err, { reason: call.reason, timeoutMs: call.timeoutMs, secrets: settings.secrets })

  let result: Answer | AsyncIterable<Event>
  try {
    result = await dialect.call(settings.backend, upstreamBody, call.signal)
  } catch (err) {
    call.dispose()
    // A timed-out or abandoned call may still have been billed for its input.
    await settle(call.reason ? inputTokens : 0)
    throw fail(err)
  }

  if (body.stream !== true) {
    call.dispose()
    if (!dialect.isAnswer(result)) {
      await settle(inputTokens)
      throw fail(new SyntaxError('unexpected answer shape'))
    }
    const usage = dialect.usageOf(result) ?? {
      prompt: inputTokens,
      completion: outputCap,
      total: inputTokens + outputCap,
    }
    log.usage = usage
    await settle(usage.total)
    return c.json(result as object)
  }

  if (!isAsyncIterable(result)) {
    call.dispose()
    await settle(inputTokens)
    throw fail(new SyntaxError('expected a stream'))
  }
  const stream = relayStream(
    result as AsyncIterable<Event>,
    dialect.streamCodec(body),
    call,
    fail,
    inputTokens,
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
