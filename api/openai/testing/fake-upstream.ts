/**
 * A fake OpenAI-compatible upstream, a Hono app on a real loopback port: it answers chat
 * completions and responses (streaming or not) with fixed usage, checks the bearer key,
 * records what it received, and can be told to fail in the ways real upstreams do. Used by
 * the proxy's tests and by bench/ai-proxy.
 */
import { Hono } from 'hono'
import { listen, type Loopback } from './loopback.ts'

export type FakeBehaviour =
  | 'ok'
  | 'status-500'
  | 'status-429'
  | 'status-401'
  | 'status-400'
  | 'hang'
  | 'malformed-json'
  | 'not-json'
  | 'stream-drop'
  | 'stream-stall'
  | 'stream-end-early'
  | 'stream-slow'
  | 'stream-paced'
  | 'stream-error'

export const FAKE_USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }

export interface FakeUpstream extends Loopback {
  /** What the next requests do. */
  behaviour: FakeBehaviour
  /** Bodies received, in order. */
  received: Record<string, unknown>[]
  /** Authorization headers received, in order (to check the proxy sends the real key). */
  authorizations: (string | undefined)[]
  /** Requests whose connection the proxy closed before the fake finished answering. */
  aborted: number
  /** 'stream-paced': this many text pieces, one every `delayMs` (a long answer, written slowly). */
  pace?: { pieces: number; delayMs: number }
  /** Streams open right now (for the load bench). */
  streaming?: number
}

function lastUserText(body: Record<string, unknown>): string {
  const turns = (body.messages ?? body.input) as unknown
  if (typeof turns === 'string') return turns
  if (!Array.isArray(turns)) return ''
  const last = [...(turns as { role?: string; content?: unknown }[])].reverse().find((t) => t.role === 'user')
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '')
}

const sse = (data: unknown, event?: string) =>
  `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`

function chatEvents(body: Record<string, unknown>, text: string): string[] {
  const base = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: body.model,
  }
  const events = [
    sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
  ]
  for (const piece of text.match(/\S+\s*/g) ?? []) {
    events.push(sse({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }))
  }
  events.push(sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }))
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
    events.push(sse({ ...base, choices: [], usage: FAKE_USAGE }))
  }
  events.push('data: [DONE]\n\n')
  return events
}

function responseObject(body: Record<string, unknown>, text: string, status: string) {
  const done = status === 'completed'
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: 1_700_000_000,
    status,
    model: body.model,
    output: done
      ? [
          {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ]
      : [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    parallel_tool_calls: true,
    temperature: 1,
    top_p: 1,
    tool_choice: 'auto',
    tools: [],
    usage: done
      ? {
          input_tokens: FAKE_USAGE.prompt_tokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: FAKE_USAGE.completion_tokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: FAKE_USAGE.total_tokens,
        }
      : null,
  }
}

function responseEvents(body: Record<string, unknown>, text: string): string[] {
  let n = 0
  const item = { item_id: 'msg_fake', output_index: 0, content_index: 0 }
  const events = [
    sse(
      { type: 'response.created', sequence_number: n++, response: responseObject(body, '', 'in_progress') },
      'response.created',
    ),
    sse(
      {
        type: 'response.output_item.added',
        sequence_number: n++,
        output_index: 0,
        item: { id: 'msg_fake', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      },
      'response.output_item.added',
    ),
    sse(
      {
        type: 'response.content_part.added',
        sequence_number: n++,
        ...item,
        part: { type: 'output_text', text: '', annotations: [] },
      },
      'response.content_part.added',
    ),
  ]
  for (const delta of text.match(/\S+\s*/g) ?? []) {
    events.push(
      sse(
        { type: 'response.output_text.delta', sequence_number: n++, ...item, delta },
        'response.output_text.delta',
      ),
    )
  }
  events.push(
    sse(
      { type: 'response.output_text.done', sequence_number: n++, ...item, text },
      'response.output_text.done',
    ),
    sse(
      {
        type: 'response.content_part.done',
        sequence_number: n++,
        ...item,
        part: { type: 'output_text', text, annotations: [] },
      },
      'response.content_part.done',
    ),
    sse(
      {
        type: 'response.output_item.done',
        sequence_number: n++,
        output_index: 0,
        item: {
          id: 'msg_fake',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text, annotations: [] }],
        },
      },
      'response.output_item.done',
    ),
    sse(
      { type: 'response.completed', sequence_number: n++, response: responseObject(body, text, 'completed') },
      'response.completed',
    ),
  )
  return events
}

interface NodeBindings {
  outgoing?: { destroy(): void }
}

export function fakeUpstreamApp(state: Omit<FakeUpstream, keyof Loopback>, apiKey: string) {
  const app = new Hono()
  const encoder = new TextEncoder()

  const answer = (kind: 'chat' | 'responses') =>
    app.post(`/v1/${kind === 'chat' ? 'chat/completions' : 'responses'}`, async (c) => {
      const body = (await c.req.json()) as Record<string, unknown>
      state.received.push(body)
      state.authorizations.push(c.req.header('authorization'))
      const signal = c.req.raw.signal
      let counted = false
      const countAbort = () => {
        if (!counted) state.aborted++
        counted = true
      }
      signal.addEventListener('abort', countAbort, { once: true })

      if (c.req.header('authorization') !== `Bearer ${apiKey}`) {
        const given = c.req.header('authorization')?.replace(/^Bearer /, '') ?? ''
        return c.json(
          {
            error: {
              message: `Incorrect API key provided: ${given}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              type: 'invalid_request_error',
              param: null,
              code: 'invalid_api_key',
            },
          },
          401,
        )
      }
      switch (state.behaviour) {
        case 'status-500':
          return c.json(
            {
              error: {
                message: `Internal failure near key ${apiKey}`,
                type: 'server_error',
                param: null,
                code: null,
              },
            },
            500,
          )
        case 'status-429':
          return c.json(
            {
              error: {
                message: 'Rate limit reached for requests',
                type: 'requests',
                param: null,
                code: 'rate_limit_exceeded',
              },
            },
            429,
            { 'retry-after': '7' },
          )
        case 'status-401':
          return c.json(
            {
              error: {
                message: `Incorrect API key provided: ${apiKey}.`,
                type: 'invalid_request_error',
                param: null,
                code: 'invalid_api_key',
              },
            },
            401,
          )
        case 'status-400':
          return c.json(
            {
              error: {
                message: `Unsupported parameter 'temperature' (request made with key ${apiKey})`,
                type: 'invalid_request_error',
                param: 'temperature',
                code: 'unsupported_parameter',
              },
            },
            400,
          )
        case 'hang':
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
          return c.body(null, 499 as 200)
        case 'malformed-json':
          return c.body('{"id": "chatcmpl-x", "choices": [', 200, { 'content-type': 'application/json' })
        case 'not-json':
          return c.body('hello there', 200, { 'content-type': 'text/plain' })
      }

      const text = `Echo: ${lastUserText(body)}`
      if (body.stream !== true) {
        if (kind === 'responses') return c.json(responseObject(body, text, 'completed'))
        return c.json({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: text, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: FAKE_USAGE,
        })
      }

      const paced =
        state.behaviour === 'stream-paced' ? (state.pace ?? { pieces: 20, delayMs: 500 }) : undefined
      const spoken = paced ? Array.from({ length: paced.pieces }, (_, i) => `word${i} `).join('') : text
      const events = kind === 'chat' ? chatEvents(body, spoken) : responseEvents(body, spoken)
      const behaviour = state.behaviour
      const outgoing = (c.env as NodeBindings | undefined)?.outgoing
      let sent = 0
      let open = true
      const release = () => {
        if (open) state.streaming = (state.streaming ?? 1) - 1
        open = false
      }
      const stream = new ReadableStream<Uint8Array>({
        start() {
          state.streaming = (state.streaming ?? 0) + 1
          signal.addEventListener('abort', release, { once: true })
        },
        async pull(controller) {
          if (paced) {
            if (sent > 0 && sent < events.length)
              await new Promise((resolve) => setTimeout(resolve, paced.delayMs))
            if (signal.aborted) return controller.close()
            const next = events[sent++]
            if (next === undefined) {
              release()
              return controller.close()
            }
            return controller.enqueue(encoder.encode(next))
          }
          if (behaviour === 'stream-slow') {
            await new Promise((resolve) => setTimeout(resolve, 20))
            if (signal.aborted) return controller.close()
            return controller.enqueue(encoder.encode(events[Math.min(sent++, 1)]!))
          }
          if (sent === 2 && behaviour === 'stream-drop') {
            // Cut the connection mid-answer, as a crashing upstream would (after letting the
            // first events reach the wire, so the proxy has relayed part of an answer).
            await new Promise((resolve) => setTimeout(resolve, 50))
            outgoing?.destroy()
            return controller.close()
          }
          if (sent === 2 && behaviour === 'stream-stall') {
            await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
            return controller.close()
          }
          if (sent === 2 && behaviour === 'stream-end-early') return controller.close()
          if (sent === 2 && behaviour === 'stream-error') {
            // An error event in the stream, quoting the key as careless upstreams do.
            const error = {
              message: `Overloaded while serving key ${apiKey}`,
              type: 'server_error',
              code: 'overloaded',
            }
            controller.enqueue(
              encoder.encode(
                kind === 'chat'
                  ? sse({ error })
                  : sse({ ...error, type: 'error', sequence_number: 2 }, 'error'),
              ),
            )
            return controller.close()
          }
          const next = events[sent++]
          if (next === undefined) return controller.close()
          controller.enqueue(encoder.encode(next))
        },
      })
      return c.body(stream, 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    })

  answer('chat')
  answer('responses')
  return app
}

export async function startFakeUpstream(apiKey: string, ports: readonly number[]): Promise<FakeUpstream> {
  const state = { behaviour: 'ok' as FakeBehaviour, received: [], authorizations: [], aborted: 0 }
  const app = fakeUpstreamApp(state, apiKey)
  const server = await listen(app.fetch, ports)
  // The returned object is the state itself, so tests can change `behaviour` between requests.
  return Object.assign(state, server)
}
