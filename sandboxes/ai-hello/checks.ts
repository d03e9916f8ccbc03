import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'POST /ask answers a short question with JSON',
    hint: 'Send {"question":"What is a route?"}: the route should still answer 200 with an answer field.',
    request: { method: 'POST', path: '/ask', body: { question: 'What is a route?' } },
    expect: {
      status: 200,
      headers: { 'Content-Type': { includes: 'application/json' } },
      bodyIncludes: '"answer":',
    },
  },
  {
    name: 'A question over 500 characters gets 400 before the model is called',
    hint: 'readQuestion is where the input is checked: look at question.length there, and answer with the status that blames the client.',
    request: { method: 'POST', path: '/ask', body: { question: 'Why? '.repeat(101) } },
    expect: { status: 400, json: { error: 'Question must be 500 characters or fewer' } },
  },
  {
    name: 'A question of exactly 500 characters is still answered',
    hint: 'The limit is "500 or fewer": compare with > 500, not >= 500.',
    request: { method: 'POST', path: '/ask', body: { question: 'x'.repeat(500) } },
    expect: { status: 200 },
  },
  {
    name: 'The answer reports its input tokens as usage.inputTokens',
    hint: 'The response object from responses.create has a usage field; its names are snake_case (input_tokens). Copy the numbers into your JSON under usage.',
    request: { method: 'POST', path: '/ask', body: { question: 'What is a token?' } },
    expect: { status: 200, bodyIncludes: '"inputTokens":' },
  },
  {
    name: 'The answer reports its output tokens as usage.outputTokens',
    hint: 'Output tokens are the ones MAX_OUTPUT_TOKENS caps; they are priced higher than input tokens.',
    request: { method: 'POST', path: '/ask', body: { question: 'What is a token?' } },
    expect: { status: 200, bodyIncludes: '"outputTokens":' },
  },
])
