import { Hono, type Context } from 'hono'
import { streamText } from 'hono/streaming'
import OpenAI from 'openai'
import { INSTRUCTIONS, MAX_OUTPUT_TOKENS, MODEL } from './config.ts'
import { COURSE_ORIGIN } from './course-origin.ts'

// The official SDK, pointed at the course's AI proxy instead of api.openai.com. The proxy holds
// the real key and its limits; with no key it answers from the course's offline demo model.
const openai = new OpenAI({
  baseURL: `${COURSE_ORIGIN}/api/openai/v1`,
  apiKey: 'sandbox', // not a secret: the proxy holds the real key
  timeout: 20_000, // milliseconds; the SDK default is 10 minutes
  maxRetries: 1, // the SDK retries 429 and 5xx answers, with backoff
})

const app = new Hono()

// {"question":"…"} → the question, or a 400 answer for the client.
async function readQuestion(c: Context): Promise<string | Response> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return c.json({ error: 'Invalid JSON body' }, 400)
  }
  const question = typeof body === 'object' && body !== null && 'question' in body ? body.question : undefined
  if (typeof question !== 'string' || question.trim() === '') {
    return c.json({ error: 'Missing question parameter' }, 400)
  }
  // Checked before any tokens are paid for: the client cannot make one call cost more.
  if (question.length > 500) {
    return c.json({ error: 'Question must be 500 characters or fewer' }, 400)
  }
  return question.trim()
}

// An upstream failure becomes a short, clean error for the client; the details go to the log.
function upstreamError(c: Context, err: unknown) {
  if (!(err instanceof OpenAI.APIError)) throw err
  console.error(JSON.stringify({ msg: 'AI call failed', status: err.status, error: err.message }))
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return c.json({ error: 'The AI service took too long to answer, try again later' }, 504)
  }
  if (err.status === 429) {
    return c.json({ error: 'Too many questions right now, try again in a minute' }, 429)
  }
  return c.json({ error: 'The AI service is unavailable, try again later' }, 502)
}

app.post('/ask', async (c) => {
  const question = await readQuestion(c)
  if (question instanceof Response) return question

  try {
    const response = await openai.responses.create({
      model: MODEL,
      instructions: INSTRUCTIONS,
      input: question,
      max_output_tokens: MAX_OUTPUT_TOKENS,
    })
    // usage is null only for responses still in progress; a finished one always has it.
    const usage = response.usage && {
      inputTokens: response.usage.input_tokens,
      outputTokens: response.usage.output_tokens,
    }
    return c.json({ answer: response.output_text, usage })
  } catch (err) {
    return upstreamError(c, err)
  }
})

// The same answer, sent piece by piece as the model writes it (plain text).
app.post('/ask/stream', async (c) => {
  const question = await readQuestion(c)
  if (question instanceof Response) return question

  // Errors before the first piece (429, proxy down…) still get a JSON answer with a status.
  const events = await openai.responses
    .create({
      model: MODEL,
      instructions: INSTRUCTIONS,
      input: question,
      max_output_tokens: MAX_OUTPUT_TOKENS,
      stream: true,
    })
    .catch((err: unknown) => upstreamError(c, err))
  if (events instanceof Response) return events

  return streamText(
    c,
    async (stream) => {
      stream.onAbort(() => events.controller.abort()) // the client left: stop paying for tokens
      for await (const event of events) {
        if (event.type === 'response.output_text.delta') await stream.write(event.delta)
      }
    },
    async (err, stream) => {
      // The status (200) is already sent: all we can do is say so at the end of the text.
      console.error(JSON.stringify({ msg: 'AI stream failed', error: err.message }))
      await stream.write('\n[The answer was cut off: the AI service failed.]')
    },
  )
})

export default app
