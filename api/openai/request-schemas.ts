/**
 * What the proxy accepts, as zod schemas: the subset of OpenAI's Chat Completions and
 * Responses parameters a course needs, with limits from configuration.
 *
 * The rule for unknown fields is explicit: every object is strict, so an unknown field is
 * rejected with its name ("Unrecognized request argument supplied: foo"), the same answer
 * OpenAI gives. Silently dropping fields would hide typos such as `max_token`, and passing
 * them through would let a public endpoint reach paid features (audio, web search,
 * priority tiers) the course never meant to offer.
 */
import { z } from 'zod'

export interface RequestLimits {
  maxOutputTokens: number
  maxMessages: number
}

const jsonObject = z.record(z.string(), z.unknown())
const probability = (max: number) => z.number().min(0).max(max).nullish()
const penalty = z.number().min(-2).max(2).nullish()

function outputTokens(limits: RequestLimits) {
  return z
    .int()
    .min(1)
    .max(limits.maxOutputTokens, {
      // {param} is filled in by the validation hook, which knows the full path.
      error: (issue) =>
        `Invalid '{param}': ${String(issue.input)} is above this course's cap of ` +
        `${limits.maxOutputTokens} output tokens per request. Ask for ${limits.maxOutputTokens} or fewer.`,
    })
    .nullish()
}

function itemCount(limits: RequestLimits, what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      `This request has ${Array.isArray(issue.input) ? issue.input.length : 'too many'} ${what}; the course AI ` +
      `proxy accepts at most ${limits.maxMessages} per request. Send a shorter conversation.`,
  }
}

const functionDefinition = z.strictObject({
  name: z.string().min(1).max(64),
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  strict: z.boolean().nullish(),
})

// --- Chat Completions ---------------------------------------------------------------

const textPart = z.strictObject({ type: z.literal('text'), text: z.string() })
const chatContent = z.union([z.string(), z.array(textPart).min(1)], {
  error: 'expected a string or an array of text parts ({"type":"text","text":"…"})',
})
const name = z.string().min(1).max(64).nullish()

const toolCall = z.strictObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string(), arguments: z.string() }),
})

const chatMessage = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('system'), content: chatContent, name }),
  z.strictObject({ role: z.literal('developer'), content: chatContent, name }),
  z.strictObject({ role: z.literal('user'), content: chatContent, name }),
  z.strictObject({
    role: z.literal('assistant'),
    content: chatContent.nullish(),
    name,
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCall).max(64).nullish(),
  }),
  z.strictObject({ role: z.literal('tool'), content: chatContent, tool_call_id: z.string() }),
])

const responseFormat = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({
    type: z.literal('json_schema'),
    json_schema: z.strictObject({
      name: z.string().min(1).max(64),
      description: z.string().nullish(),
      schema: jsonObject.nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
])

export function chatCompletionSchema(limits: RequestLimits) {
  return z
    .strictObject({
      model: z.string().min(1).max(200),
      messages: z.array(chatMessage).min(1).max(limits.maxMessages, itemCount(limits, 'messages')),
      max_tokens: outputTokens(limits),
      max_completion_tokens: outputTokens(limits),
      n: z
        .int()
        .nullish()
        .refine((n) => n == null || n === 1, {
          error: "The course AI proxy returns one choice per request: 'n' must be 1 (or left out).",
        }),
      stream: z.boolean().nullish(),
      stream_options: z.strictObject({ include_usage: z.boolean().nullish() }).nullish(),
      temperature: probability(2),
      top_p: probability(1),
      presence_penalty: penalty,
      frequency_penalty: penalty,
      stop: z
        .union([z.string(), z.array(z.string()).max(4)], { error: 'expected a string or up to 4 strings' })
        .nullish(),
      seed: z.int().nullish(),
      user: z.string().max(256).nullish(),
      logprobs: z.boolean().nullish(),
      top_logprobs: z.int().min(0).max(20).nullish(),
      logit_bias: z.record(z.string().regex(/^\d{1,7}$/), z.number().min(-100).max(100)).nullish(),
      response_format: responseFormat.nullish(),
      tools: z
        .array(z.strictObject({ type: z.literal('function'), function: functionDefinition }))
        .max(32)
        .nullish(),
      tool_choice: z
        .union(
          [
            z.enum(['none', 'auto', 'required']),
            z.strictObject({ type: z.literal('function'), function: z.strictObject({ name: z.string() }) }),
          ],
          {
            error: `expected "none", "auto", "required" or {"type":"function","function":{"name":"…"}}`,
          },
        )
        .nullish(),
      parallel_tool_calls: z.boolean().nullish(),
      reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
    })
    .refine((body) => body.stream === true || body.stream_options == null, {
      error: "'stream_options' is only allowed when 'stream' is true.",
      path: ['stream_options'],
    })
}

export type ChatCompletionRequest = z.output<ReturnType<typeof chatCompletionSchema>>

// --- Responses ------------------------------------------------------------------------

const inputText = z.strictObject({ type: z.literal('input_text'), text: z.string() })
const outputText = z.strictObject({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(jsonObject).nullish(),
  logprobs: z.array(jsonObject).nullish(),
})
const refusal = z.strictObject({ type: z.literal('refusal'), refusal: z.string() })
const itemStatus = z.enum(['in_progress', 'completed', 'incomplete']).nullish()

const responseContent = z.union(
  [z.string(), z.array(z.discriminatedUnion('type', [inputText, outputText, refusal])).min(1)],
  {
    error: 'expected a string or an array of content parts ({"type":"input_text","text":"…"})',
  },
)

const messageItem = z.strictObject({
  type: z.literal('message'),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: responseContent,
  id: z.string().nullish(),
  status: itemStatus,
})
const functionCallItem = z.strictObject({
  type: z.literal('function_call'),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  id: z.string().nullish(),
  status: itemStatus,
})
const functionCallOutputItem = z.strictObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.string(),
  id: z.string().nullish(),
  status: itemStatus,
})

// `{ role, content }` without a type is a message, as in OpenAI's own examples.
const inputItem = z.preprocess(
  (item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && !('type' in item) && 'role' in item
      ? { type: 'message', ...item }
      : item,
  z.discriminatedUnion('type', [messageItem, functionCallItem, functionCallOutputItem]),
)

const textFormat = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({
    type: z.literal('json_schema'),
    name: z.string().min(1).max(64),
    schema: jsonObject,
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
])

export function responsesSchema(limits: RequestLimits) {
  return z
    .strictObject({
      model: z.string().min(1).max(200),
      input: z.union(
        [z.string(), z.array(inputItem).min(1).max(limits.maxMessages, itemCount(limits, 'input items'))],
        {
          error: 'expected a string or an array of input items ({"role":"user","content":"…"})',
        },
      ),
      instructions: z.string().nullish(),
      max_output_tokens: outputTokens(limits),
      stream: z.boolean().nullish(),
      stream_options: z.strictObject({ include_obfuscation: z.boolean().nullish() }).nullish(),
      temperature: probability(2),
      top_p: probability(1),
      text: z
        .strictObject({
          format: textFormat.nullish(),
          verbosity: z.enum(['low', 'medium', 'high']).nullish(),
        })
        .nullish(),
      // A union of one, so an unknown tool type is named as such rather than as a missing name.
      tools: z
        .array(z.discriminatedUnion('type', [functionDefinition.extend({ type: z.literal('function') })]))
        .max(32)
        .nullish(),
      tool_choice: z
        .union(
          [
            z.enum(['none', 'auto', 'required']),
            z.strictObject({ type: z.literal('function'), name: z.string() }),
          ],
          {
            error: `expected "none", "auto", "required" or {"type":"function","name":"…"}`,
          },
        )
        .nullish(),
      parallel_tool_calls: z.boolean().nullish(),
      reasoning: z
        .strictObject({
          effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
          summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
        })
        .nullish(),
      // Stored responses would live on the course's OpenAI account, readable by anyone
      // holding their id; the proxy always sends store: false.
      store: z
        .boolean()
        .nullish()
        .refine((store) => store !== true, {
          error: "The course AI proxy does not store responses: leave out 'store' or set it to false.",
        }),
      user: z.string().max(256).nullish(),
    })
    .refine((body) => body.stream === true || body.stream_options == null, {
      error: "'stream_options' is only allowed when 'stream' is true.",
      path: ['stream_options'],
    })
}

export type ResponsesRequest = z.output<ReturnType<typeof responsesSchema>>
