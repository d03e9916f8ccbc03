import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import OpenAI from 'openai'
import type { ResponseInputItem } from 'openai/resources/responses/responses'
import { COURSE_ORIGIN } from './course-origin.ts'
import { listTasks, listTasksTool, openTaskTitles } from './tools.ts'

// The official SDK, pointed at the course's AI proxy (it holds the real key; without one it
// answers from its offline demo model, which says so).
const openai = new OpenAI({
  baseURL: `${COURSE_ORIGIN}/api/openai/v1`,
  apiKey: 'sandbox', // not a secret: the proxy holds the real key
  timeout: 20_000,
  maxRetries: 1,
})

// Model names are configuration, not code: the proxy's allow-list decides what is accepted.
const MODEL = 'gpt-4.1-mini'

const app = new Hono()

// A summary of the open tasks, streamed as server-sent events while the model writes it:
//   event: delta  data: <a piece of text>      (many)
//   event: done   data: {"status":…,"outputTokens":…}   (once, at the end)
//   event: error  data: {"error":"…"}          (instead of done, when the model call fails midway)
app.post('/summary', async (c) => {
  const stream = await openai.responses
    .create({
      model: MODEL,
      instructions: 'Summarise the task list for a busy team lead in two sentences.',
      input: openTaskTitles(),
      max_output_tokens: 120,
      stream: true,
    })
    .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))
  // Before the first byte we can still answer with a status; after it, only inside the stream.
  if (stream instanceof OpenAI.APIError) return c.json({ error: 'The AI service is unavailable' }, 502)
  if (stream instanceof Error) throw stream

  return streamSSE(c, async (sse) => {
    sse.onAbort(() => stream.controller.abort()) // the client left: stop generating (and paying)
    // The 200 went out with the first event: from here on, a failure can only be an event.
    const failed = () =>
      sse.writeSSE({ event: 'error', data: JSON.stringify({ error: 'The AI service failed mid-answer' }) })
    try {
      let ended = false // by one of the three final events; a stream that just stops is a failure
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          await sse.writeSSE({ event: 'delta', data: event.delta })
        } else if (event.type === 'response.completed' || event.type === 'response.incomplete') {
          ended = true
          const outputTokens = event.response.usage?.output_tokens ?? null
          await sse.writeSSE({
            event: 'done',
            data: JSON.stringify({ status: event.response.status, outputTokens }),
          })
        } else if (event.type === 'response.failed') {
          ended = true
          console.error(
            JSON.stringify({ msg: 'AI stream failed', error: event.response.error?.code ?? null }),
          )
          await failed()
        }
      }
      if (!ended && !sse.aborted) await failed()
    } catch (err) {
      if (sse.aborted) return // the client left: nobody to tell
      // An `error` event from the API (the SDK throws it as an APIError), or the connection broke.
      console.error(
        JSON.stringify({
          msg: 'AI stream broke',
          status: err instanceof OpenAI.APIError ? err.status : null,
        }),
      )
      await failed()
    }
  })
})

// A question the model may answer by calling list_tasks: the tool-call round trip.
app.post('/ask', async (c) => {
  const body = (await c.req.json().catch(() => null)) as { question?: unknown } | null
  const question = typeof body?.question === 'string' ? body.question.trim() : ''
  if (!question || question.length > 500)
    return c.json({ error: 'Send {"question":"…"} (1–500 characters)' }, 400)

  const input: ResponseInputItem[] = [{ role: 'user', content: question }]
  const toolCalls: string[] = []
  try {
    // At most three rounds: a model that keeps calling tools must not loop (and bill) forever.
    for (let round = 0; round < 3; round++) {
      const response = await openai.responses.create({
        model: MODEL,
        instructions: 'You help a team with its task list. Use list_tasks to look tasks up; never guess.',
        input,
        tools: [listTasksTool],
        max_output_tokens: 200,
      })
      const calls = response.output.filter((item) => item.type === 'function_call')
      if (calls.length === 0) return c.json({ answer: response.output_text, toolCalls })

      // 1. keep the model's calls in the conversation, 2. run each one, 3. send the results back
      for (const call of calls) {
        input.push({
          type: 'function_call',
          call_id: call.call_id,
          name: call.name,
          arguments: call.arguments,
        })
        toolCalls.push(`${call.name}(${call.arguments})`)
        const output = call.name === 'list_tasks' ? listTasks(call.arguments) : '{"error":"unknown tool"}'
        input.push({ type: 'function_call_output', call_id: call.call_id, output })
      }
    }
    return c.json({ error: 'The model kept calling tools without answering' }, 502)
  } catch (err) {
    if (!(err instanceof OpenAI.APIError)) throw err
    console.error(JSON.stringify({ msg: 'AI call failed', status: err.status }))
    return c.json({ error: 'The AI service is unavailable, try again later' }, 502)
  }
})

export default app
