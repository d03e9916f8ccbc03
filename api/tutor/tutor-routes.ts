/**
 * `POST /hint` (mounted by the AI proxy at /api/openai/tutor): a hint on a failing check or a
 * console error, streamed as server-sent events (`hint.start`, `hint.delta`…, `hint.done`, or
 * `error`). It sits inside the proxy's app, so the proxy's request log, client identity,
 * origin gate, access tokens and OpenAI-shaped errors apply to it unchanged; this module adds
 * the hint's own quota (per client per hour, given back when the upstream fails), the prompt
 * (./hint-prompt.ts) and, with no OPENAI_API_KEY, the offline hint (./offline-hint.ts).
 *
 * With a key, the hint is one Responses API call through the proxy's backend (the `openai`
 * SDK against OPENAI_BASE_URL), streamed, with the proxy's budget reservation and upstream
 * timeout. Nothing about the request is stored; only the counters change.
 */
import { Hono, type Context } from 'hono'
import { APIError } from 'openai'
import type { ResponseStreamEvent } from 'openai/resources/responses/responses'
import type { CounterStore } from '../counter-store/counter-store.ts'
import { openAiError } from '../errors.ts'
import { bodySize } from '../openai/body-size.ts'
import { jsonBody } from '../openai/json-body.ts'
import { ProxyError } from '../openai/proxy-error.ts'
import type { ProxyEnv, RelaySettings } from '../openai/relay.ts'
import { UpstreamCall } from '../openai/upstream-call.ts'
import { incompleteStream, upstreamFailure } from '../openai/upstream-errors.ts'
import { validateJson } from '../openai/validation.ts'
import {
  HINT_LIMITS,
  OFFLINE_HINT_MODEL,
  type HintDone,
  type HintRequest,
  type HintStart,
} from './hint-wire.ts'
import { buildHintPrompt } from './hint-prompt.ts'
import { hintQuota, type HintTicket } from './hint-quota.ts'
import { hintRequestSchema } from './hint-request.ts'
import { offlineHint } from './offline-hint.ts'

export interface TutorOptions {
  /** The proxy's backend, budget, allow-list, caps and secrets. */
  settings: RelaySettings
  store: CounterStore
  hintsPerHour: number
  /** Pause between the offline hint's streamed words (default 25 ms; 0 in tests). */
  offlineChunkDelayMs?: number
}

/** Output tokens a hint may use: a few sentences, well under the proxy's cap. */
const HINT_OUTPUT_TOKENS = 300
/** The largest valid hint request is about 25 kB of text; JSON escaping can double it. */
const MAX_BODY_BYTES = 64 * 1024

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/** Cuts a hint at the cap, on a word boundary. */
export function capHint(text: string): { text: string; truncated: boolean } {
  if (text.length <= HINT_LIMITS.hintChars) return { text, truncated: false }
  const cut = text.slice(0, HINT_LIMITS.hintChars)
  const space = cut.lastIndexOf(' ')
  return {
    text: `${(space > HINT_LIMITS.hintChars * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`,
    truncated: true,
  }
}

/** Input tokens reserved: UTF-8 bytes never undercount a byte-level BPE tokenizer's tokens. */
export const reservedInputTokens = (text: string) => new TextEncoder().encode(text).length + 8

/** The offline hint, streamed word by word like a model's. */
function offlineStream(request: HintRequest, delayMs: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const hint = capHint(offlineHint(request))
  const start: HintStart = { source: 'offline', model: OFFLINE_HINT_MODEL, attempt: request.attempt }
  const events = [sse('hint.start', start)]
  for (const delta of hint.text.match(/\S+\s*/g) ?? []) events.push(sse('hint.delta', { delta }))
  events.push(sse('hint.done', { text: hint.text, truncated: hint.truncated } satisfies HintDone))
  let sent = 0
  return new ReadableStream({
    async pull(controller) {
      if (sent > 0 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
      const next = events[sent++]
      if (next === undefined) return controller.close()
      controller.enqueue(encoder.encode(next))
    },
  })
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ResponseStreamEvent> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value
}

async function modelStream(
  c: Context<ProxyEnv>,
  request: HintRequest,
  options: TutorOptions,
  ticket: HintTicket,
): Promise<Response> {
  const { settings } = options
  const log = c.get('requestLog')
  const model = [...settings.models][0]!
  log.model = model
  log.stream = true
  const prompt = buildHintPrompt(request)
  const outputCap = Math.min(HINT_OUTPUT_TOKENS, settings.maxOutputTokens)
  const inputTokens = reservedInputTokens(prompt.instructions + prompt.input)
  const reserved = { prompt: inputTokens, completion: outputCap, total: inputTokens + outputCap }
  let reservation
  try {
    reservation = await settings.budget.reserve(c.get('client'), reserved.total)
  } catch (err) {
    await ticket.refund()
    throw err
  }
  const settle = (tokens: number) => reservation.settle(tokens).catch(() => undefined)
  const call = new UpstreamCall(c.req.raw.signal, settings.upstreamTimeoutMs)
  const failureContext = () => ({ reason: call.reason, timeoutMs: call.timeoutMs, secrets: settings.secrets })
  const fail = (err: unknown) => upstreamFailure(err, failureContext())

  let events: unknown
  try {
    events = await settings.backend.responses(
      {
        model,
        instructions: prompt.instructions,
        input: [{ role: 'user', content: prompt.input }],
        max_output_tokens: outputCap,
        stream: true,
        store: false,
      },
      call.signal,
    )
  } catch (err) {
    call.dispose()
    await ticket.refund()
    // An upstream that answered with an error status billed nothing; anything else may have.
    await settle(err instanceof APIError && err.status !== undefined ? 0 : reserved.total)
    throw fail(err)
  }
  if (!isAsyncIterable(events)) {
    call.dispose()
    await ticket.refund()
    await settle(reserved.total)
    throw fail(new SyntaxError('expected a stream'))
  }

  const iterator = events[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  const start: HintStart = { source: 'ai', model, attempt: request.attempt }
  let text = ''
  let finish!: () => void
  log.finished = new Promise<void>((resolve) => (finish = resolve))
  const end = async (outcome: { usage?: typeof reserved; error?: ProxyError }) => {
    call.dispose()
    log.usage = outcome.usage ?? reserved
    if (outcome.error) {
      log.errorCode = outcome.error.body.error.code ?? undefined
      await ticket.refund()
    }
    await settle(log.usage.total)
    finish()
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(sse('hint.start', start)))
    },
    async pull(controller) {
      try {
        for (;;) {
          const step = await iterator.next()
          call.touch()
          if (step.done) {
            const error = incompleteStream('the hint', failureContext())
            controller.enqueue(encoder.encode(sse('error', error.body)))
            controller.close()
            await end({ error })
            return
          }
          const event = step.value
          if (event.type === 'response.output_text.delta') {
            const room = HINT_LIMITS.hintChars - text.length
            if (event.delta.length > room) {
              // The cap: stop reading (which stops the upstream, and its spending) and end here.
              // What was streamed stays: the cut falls in this last piece (or right after the text).
              const capped = capHint(text + event.delta).text
              const final = capped.startsWith(text) ? capped : `${text}…`
              controller.enqueue(encoder.encode(sse('hint.delta', { delta: final.slice(text.length) })))
              controller.enqueue(encoder.encode(sse('hint.done', { text: final, truncated: true })))
              controller.close()
              call.abort('client')
              await iterator.return?.().catch(() => undefined)
              await end({})
              return
            }
            text += event.delta
            controller.enqueue(encoder.encode(sse('hint.delta', { delta: event.delta })))
            return
          }
          if (event.type === 'response.completed' || event.type === 'response.incomplete') {
            const usage = event.response.usage
            controller.enqueue(
              encoder.encode(sse('hint.done', { text, truncated: event.type !== 'response.completed' })),
            )
            controller.close()
            await end({
              usage: usage
                ? { prompt: usage.input_tokens, completion: usage.output_tokens, total: usage.total_tokens }
                : undefined,
            })
            return
          }
          if (event.type === 'response.failed')
            throw new ProxyError(502, 'The AI provider could not write the hint. Ask again.', {
              type: 'server_error',
              code: 'upstream_error',
            })
        }
      } catch (err) {
        const error = fail(err)
        controller.enqueue(encoder.encode(sse('error', error.body)))
        controller.close()
        await end({ error })
      }
    },
    async cancel() {
      call.abort('client')
      await iterator.return?.().catch(() => undefined)
      await end({ error: fail(new Error('client went away')) })
    },
  })
  return c.body(body, 200, SSE_HEADERS)
}

export function tutorRoutes(options: TutorOptions): Hono<ProxyEnv> {
  const quota = hintQuota({ store: options.store, limit: options.hintsPerHour, windowMs: 3_600_000 })
  const app = new Hono<ProxyEnv>()
  app.post(
    '/hint',
    bodySize({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          openAiError(
            `The hint request is larger than ${MAX_BODY_BYTES} bytes; the page cuts files and bodies well below that.`,
            'invalid_request_error',
            'request_too_large',
          ),
          413,
        ),
    }),
    jsonBody(),
    validateJson(hintRequestSchema),
    async (c) => {
      const request = c.req.valid('json') as HintRequest
      c.header('Cache-Control', 'no-store')
      const ticket = await quota.take(c.get('client'))
      if (options.settings.backend.mode === 'offline-demo') {
        c.get('requestLog').model = OFFLINE_HINT_MODEL
        return c.body(offlineStream(request, options.offlineChunkDelayMs ?? 25), 200, SSE_HEADERS)
      }
      return modelStream(c, request, options, ticket)
    },
  )
  return app
}
