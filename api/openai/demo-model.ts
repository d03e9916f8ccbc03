/**
 * The course's offline demo model, used when no OPENAI_API_KEY is set: it answers every
 * request in OpenAI's shapes (streaming included) with a canned reply that says plainly
 * what it is, so every AI lesson and test works offline, and a learner's code works
 * unchanged when a real model is connected.
 */
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import type {
  Response as ModelResponse,
  ResponseFunctionToolCall,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses'
import type { AiBackend, UpstreamBody } from './backend.ts'

export const DEMO_MODEL_NOTICE = "the course's offline demo model"

export interface DemoModelOptions {
  /** Pause between streamed pieces, so streaming is visible in a lesson; 0 in tests. */
  chunkDelayMs?: number
  now?: () => number
}

export function demoAnswer(question: string): string {
  const flat = question.replace(/\s+/g, ' ').trim()
  const excerpt = flat.length > 120 ? `${flat.slice(0, 120)}…` : flat
  return (
    `Hello! I am ${DEMO_MODEL_NOTICE}, not a real AI: this server has no OPENAI_API_KEY, so I always give this canned answer. ` +
    (excerpt ? `You asked: "${excerpt}". ` : '') +
    'Your request went through the course AI proxy and came back in the same shape as a real model answer, ' +
    'so your code will work unchanged once a real model is connected.'
  )
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join(' ')
}

interface Turn {
  role?: unknown
  content?: unknown
  type?: unknown
}

function lastUserText(turns: unknown): string {
  if (typeof turns === 'string') return turns
  if (!Array.isArray(turns)) return ''
  const last = [...(turns as Turn[])].reverse().find((turn) => turn.role === 'user')
  return last ? textOf(last.content) : ''
}

function allText(turns: unknown): string {
  if (typeof turns === 'string') return turns
  if (!Array.isArray(turns)) return ''
  return (turns as Turn[]).map((turn) => textOf(turn.content)).join(' ')
}

interface Answer {
  pieces: string[]
  text: string
  truncated: boolean
  promptTokens: number
}

interface ToolTurn {
  type?: unknown
  call_id?: unknown
  name?: unknown
  output?: unknown
}

/**
 * Tool calling, so a lesson's tool-call round trip runs offline: offered function tools (and
 * `tool_choice` not "none"), the demo model calls one, the chosen or the first, with `{}` as
 * arguments, until the input carries a `function_call_output`; then it answers in text and
 * quotes what the tool returned. Streamed requests get text only.
 */
function toolToCall(body: UpstreamBody): string | undefined {
  if (body.stream === true || body.tool_choice === 'none' || !Array.isArray(body.tools)) return undefined
  if (Array.isArray(body.input) && (body.input as ToolTurn[]).some((t) => t.type === 'function_call_output'))
    return undefined
  const chosen = (body.tool_choice as { name?: unknown } | undefined)?.name
  if (typeof chosen === 'string') return chosen
  const first = (body.tools as ToolTurn[]).find((t) => t.type === 'function' && typeof t.name === 'string')
  return first?.name as string | undefined
}

function toolResultNote(input: unknown): string {
  if (!Array.isArray(input)) return ''
  const turns = input as ToolTurn[]
  const result = [...turns].reverse().find((t) => t.type === 'function_call_output')
  if (typeof result?.output !== 'string') return ''
  const call = turns.find((t) => t.type === 'function_call' && t.call_id === result.call_id)
  const name = typeof call?.name === 'string' ? call.name : 'the tool'
  const output = result.output.length > 200 ? `${result.output.slice(0, 200)}…` : result.output
  return ` The ${name} tool returned: ${output}`
}

/** The reply cut into word pieces, one "token" each, and cut at the request's token cap. */
function answerFor(question: string, context: string, maxTokens: unknown, json: boolean, note = ''): Answer {
  const reply = demoAnswer(question) + note
  const full = json ? JSON.stringify({ model: 'course-offline-demo', answer: reply }) : reply
  const all = full.match(/\S+\s*/g) ?? [full]
  const cap = typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : all.length
  const pieces = all.slice(0, cap)
  return {
    pieces,
    text: pieces.join(''),
    truncated: pieces.length < all.length,
    promptTokens: Math.ceil(context.length / 4) + 1,
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

const id = (prefix: string) => `${prefix}${crypto.randomUUID().replaceAll('-', '')}`

export function demoBackend(options: DemoModelOptions = {}): AiBackend {
  const delay = options.chunkDelayMs ?? 25
  const now = options.now ?? Date.now

  async function chat(body: UpstreamBody, signal: AbortSignal) {
    const format = (body.response_format as { type?: string } | undefined)?.type
    const answer = answerFor(
      lastUserText(body.messages),
      allText(body.messages),
      body.max_completion_tokens ?? body.max_tokens,
      format === 'json_object' || format === 'json_schema',
    )
    const finish_reason = answer.truncated ? 'length' : 'stop'
    const usage = {
      prompt_tokens: answer.promptTokens,
      completion_tokens: answer.pieces.length,
      total_tokens: answer.promptTokens + answer.pieces.length,
    }
    const base = {
      id: id('chatcmpl-demo'),
      created: Math.floor(now() / 1000),
      model: String(body.model),
      system_fingerprint: 'course-offline-demo',
    }
    if (body.stream !== true) {
      return {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer.text, refusal: null },
            logprobs: null,
            finish_reason,
          },
        ],
        usage,
      } satisfies ChatCompletion
    }
    const includeUsage =
      (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
    return (async function* stream(): AsyncGenerator<ChatCompletionChunk> {
      const chunk = (choices: ChatCompletionChunk['choices']): ChatCompletionChunk => ({
        ...base,
        object: 'chat.completion.chunk',
        choices,
      })
      yield chunk([
        { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
      ])
      for (const piece of answer.pieces) {
        await pause(delay, signal)
        yield chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }])
      }
      yield chunk([{ index: 0, delta: {}, logprobs: null, finish_reason }])
      if (includeUsage) yield { ...chunk([]), usage }
    })()
  }

  async function responses(body: UpstreamBody, signal: AbortSignal) {
    const format = (body.text as { format?: { type?: string } } | undefined)?.format?.type
    const answer = answerFor(
      lastUserText(body.input),
      `${typeof body.instructions === 'string' ? body.instructions : ''} ${allText(body.input)}`,
      body.max_output_tokens,
      format === 'json_object' || format === 'json_schema',
      toolResultNote(body.input),
    )
    const usage: ResponseUsage = {
      input_tokens: answer.promptTokens,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: answer.pieces.length,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: answer.promptTokens + answer.pieces.length,
    }
    const messageId = id('msg_demo')
    const message = (text: string, status: ResponseOutputMessage['status']): ResponseOutputMessage => ({
      id: messageId,
      type: 'message',
      role: 'assistant',
      status,
      content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
    })
    const snapshot = (status: ModelResponse['status'], output: ResponseOutputItem[]) =>
      ({
        id: responseId,
        object: 'response',
        created_at: Math.floor(now() / 1000),
        status,
        model: String(body.model),
        output,
        output_text: output
          .map((item) =>
            item.type === 'message'
              ? item.content.map((part) => (part.type === 'output_text' ? part.text : '')).join('')
              : '',
          )
          .join(''),
        error: null,
        incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
        instructions: typeof body.instructions === 'string' ? body.instructions : null,
        max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
        metadata: null,
        parallel_tool_calls: true,
        temperature: typeof body.temperature === 'number' ? body.temperature : 1,
        top_p: typeof body.top_p === 'number' ? body.top_p : 1,
        tool_choice: 'auto',
        tools: [],
        access_programs: null,
        store: false,
        usage: status === 'in_progress' ? null : usage,
      }) as ModelResponse
    const responseId = id('resp_demo')
    const finalStatus = answer.truncated ? 'incomplete' : 'completed'
    const tool = toolToCall(body)
    if (tool !== undefined) {
      const call: ResponseFunctionToolCall = {
        id: id('fc_demo'),
        type: 'function_call',
        call_id: id('call_demo'),
        name: tool,
        arguments: '{}',
        status: 'completed',
      }
      return snapshot('completed', [call])
    }
    if (body.stream !== true)
      return snapshot(finalStatus, [message(answer.text, answer.truncated ? 'incomplete' : 'completed')])

    return (async function* stream(): AsyncGenerator<ResponseStreamEvent> {
      let sequence_number = 0
      const item = { item_id: messageId, output_index: 0, content_index: 0 }
      yield {
        type: 'response.created',
        sequence_number: sequence_number++,
        response: snapshot('in_progress', []),
      }
      yield {
        type: 'response.in_progress',
        sequence_number: sequence_number++,
        response: snapshot('in_progress', []),
      }
      yield {
        type: 'response.output_item.added',
        sequence_number: sequence_number++,
        output_index: 0,
        item: { ...message('', 'in_progress'), content: [] },
      }
      yield {
        type: 'response.content_part.added',
        sequence_number: sequence_number++,
        ...item,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      }
      for (const piece of answer.pieces) {
        await pause(delay, signal)
        yield {
          type: 'response.output_text.delta',
          sequence_number: sequence_number++,
          ...item,
          delta: piece,
          logprobs: [],
        }
      }
      yield {
        type: 'response.output_text.done',
        sequence_number: sequence_number++,
        ...item,
        text: answer.text,
        logprobs: [],
      }
      yield {
        type: 'response.content_part.done',
        sequence_number: sequence_number++,
        ...item,
        part: { type: 'output_text', text: answer.text, annotations: [], logprobs: [] },
      }
      const done = message(answer.text, answer.truncated ? 'incomplete' : 'completed')
      yield {
        type: 'response.output_item.done',
        sequence_number: sequence_number++,
        output_index: 0,
        item: done,
      }
      const last = snapshot(finalStatus, [done])
      yield answer.truncated
        ? { type: 'response.incomplete', sequence_number: sequence_number++, response: last }
        : { type: 'response.completed', sequence_number: sequence_number++, response: last }
    })()
  }

  return { mode: 'offline-demo', chat, responses }
}
