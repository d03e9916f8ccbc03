/**
 * A corpus of hostile and mistaken requests. Every one must get a 4xx with an OpenAI-shaped
 * body — never a 5xx, never a stack trace — and none may reach the upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessTokens } from './access-token.ts'
import { clientTag } from './ai-proxy.ts'
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream.ts'
import { portRange } from './testing/loopback.ts'
import { startProxy, type TestProxy } from './testing/proxy-server.ts'

const KEY = 'sk-test-corpus-0123456789abcdefghijklmnopq'
const SECRET = 'corpus-signing-secret-0123456789abcdef'

let fake: FakeUpstream
let open: TestProxy
let guarded: TestProxy

beforeAll(async () => {
  fake = await startFakeUpstream(KEY, portRange(4413, 2))
  const env = {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    AI_MODELS: 'gpt-4o-mini',
    AI_MAX_OUTPUT_TOKENS: '256',
    AI_MAX_MESSAGES: '50',
    AI_MAX_INPUT_CHARS: '20000',
    AI_MAX_BODY_BYTES: '131072',
    AI_RATE_LIMIT: '100000',
  }
  open = await startProxy({ env, ports: portRange(4415, 2) })
  guarded = await startProxy({ env: { ...env, AI_TOKEN_SECRET: SECRET }, ports: portRange(4417, 2) })
})

afterAll(async () => {
  await Promise.all([fake?.close(), open?.close(), guarded?.close()])
})

interface Case {
  name: string
  method?: string
  path?: string
  /** A string is sent as is; anything else as JSON. */
  body?: unknown
  headers?: Record<string, string>
  /** Against the proxy that requires access tokens. */
  guarded?: boolean
}

const user = (content: unknown) => ({ role: 'user', content })
const chat = (extra: Record<string, unknown>) => ({
  body: { model: 'gpt-4o-mini', messages: [user('hi')], ...extra },
})
const resp = (extra: Record<string, unknown>) => ({
  path: '/responses',
  body: { model: 'gpt-4o-mini', input: 'hi', ...extra },
})
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

const cases: Case[] = [
  // --- malformed JSON ---
  { name: 'unterminated object', body: '{' },
  { name: 'truncated after a key', body: '{"model":' },
  { name: 'bare word', body: 'nul' },
  { name: 'trailing comma', body: '{"model":"gpt-4o-mini",}' },
  { name: 'empty body', body: '' },
  { name: 'two objects', body: '{"a":1}{"b":2}' },
  { name: 'single quotes', body: "{'model':'gpt-4o-mini'}" },
  { name: 'NaN literal', body: '{"model":"gpt-4o-mini","messages":[],"temperature":NaN}' },
  {
    name: 'raw control character in a string',
    body: '{"model":"gpt-4o-mini\u0001","messages":[{"role":"user","content":"a\nb"}]}',
  },
  { name: 'byte-order mark first', body: '\uFEFF{"model":"gpt-4o-mini"}' },
  { name: 'JSON array body', body: '[]' },
  { name: 'JSON string body', body: '"hello"' },
  { name: 'JSON number body', body: '123' },
  { name: 'JSON null body', body: 'null' },
  { name: 'deeply nested arrays as the body', body: nestedArrays(5000) },
  // --- wrong content types ---
  { name: 'text/plain', body: JSON.stringify(chat({}).body), headers: { 'content-type': 'text/plain' } },
  {
    name: 'no content type',
    body: new Blob([JSON.stringify(chat({}).body)]),
    headers: { 'content-type': '' },
  },
  {
    name: 'form encoded',
    body: 'model=gpt-4o-mini',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  {
    name: 'multipart',
    body: '--x\r\n\r\n--x--',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  },
  { name: 'utf-16 charset', body: '{}', headers: { 'content-type': 'application/json; charset=utf-16' } },
  { name: 'latin1 charset', body: '{}', headers: { 'content-type': 'application/json;charset=latin1' } },
  { name: 'text/json', body: '{}', headers: { 'content-type': 'text/json' } },
  { name: 'json-patch', body: '[]', headers: { 'content-type': 'application/json-patch+json' } },
  {
    name: 'two content types in one header',
    body: '{}',
    headers: { 'content-type': 'application/json, text/html' },
  },
  { name: 'xml', body: '<model/>', headers: { 'content-type': 'application/xml' } },
  // --- wrong types ---
  { name: 'model is a number', body: { model: 4, messages: [user('hi')] } },
  { name: 'model is null', body: { model: null, messages: [user('hi')] } },
  { name: 'model is an array', body: { model: ['gpt-4o-mini'], messages: [user('hi')] } },
  { name: 'model is an object', body: { model: { id: 'gpt-4o-mini' }, messages: [user('hi')] } },
  { name: 'model missing', body: { messages: [user('hi')] } },
  { name: 'messages missing', body: { model: 'gpt-4o-mini' } },
  { name: 'messages is a string', ...chat({ messages: 'hi' }) },
  { name: 'messages is an object', ...chat({ messages: { role: 'user', content: 'hi' } }) },
  { name: 'messages is null', ...chat({ messages: null }) },
  { name: 'messages is empty', ...chat({ messages: [] }) },
  { name: 'a message is a string', ...chat({ messages: ['hi'] }) },
  { name: 'a message is null', ...chat({ messages: [null] }) },
  { name: 'role is a number', ...chat({ messages: [{ role: 1, content: 'hi' }] }) },
  { name: 'unknown role', ...chat({ messages: [{ role: 'wizard', content: 'hi' }] }) },
  { name: 'role missing', ...chat({ messages: [{ content: 'hi' }] }) },
  { name: 'content is a number', ...chat({ messages: [user(42)] }) },
  { name: 'content is an object', ...chat({ messages: [user({ text: 'hi' })] }) },
  { name: 'content is a boolean', ...chat({ messages: [user(true)] }) },
  {
    name: 'content part of an unknown type',
    ...chat({ messages: [user([{ type: 'image_url', image_url: { url: 'http://x' } }])] }),
  },
  { name: 'content part text is a number', ...chat({ messages: [user([{ type: 'text', text: 5 }])] }) },
  { name: 'empty content part list', ...chat({ messages: [user([])] }) },
  { name: 'tool message without tool_call_id', ...chat({ messages: [{ role: 'tool', content: 'x' }] }) },
  { name: 'max_tokens is a string', ...chat({ max_tokens: '100' }) },
  { name: 'max_tokens is a decimal', ...chat({ max_tokens: 1.5 }) },
  { name: 'max_tokens is a boolean', ...chat({ max_tokens: true }) },
  { name: 'temperature is a string', ...chat({ temperature: 'hot' }) },
  { name: 'temperature above 2', ...chat({ temperature: 3 }) },
  { name: 'top_p negative', ...chat({ top_p: -0.1 }) },
  { name: 'stop is a number', ...chat({ stop: 5 }) },
  { name: 'stop has too many entries', ...chat({ stop: ['a', 'b', 'c', 'd', 'e'] }) },
  { name: 'seed is a decimal', ...chat({ seed: 1.25 }) },
  { name: 'user is a number', ...chat({ user: 7 }) },
  { name: 'tools is an object', ...chat({ tools: { type: 'function' } }) },
  { name: 'tool of an unknown type', ...chat({ tools: [{ type: 'web_search' }] }) },
  { name: 'tool_choice is a number', ...chat({ tool_choice: 1 }) },
  { name: 'response_format of an unknown type', ...chat({ response_format: { type: 'yaml' } }) },
  { name: 'logit_bias with a non-token key', ...chat({ logit_bias: { hello: 1 } }) },
  // --- huge strings and sizes ---
  { name: 'body above the byte limit', ...chat({ messages: [user('x'.repeat(200_000))] }) },
  { name: 'input above the character cap', ...chat({ messages: [user('x'.repeat(30_000))] }) },
  {
    name: 'many messages adding up above the cap',
    ...chat({ messages: Array.from({ length: 30 }, () => user('y'.repeat(1000))) }),
  },
  { name: 'model name of 10,000 characters', ...chat({ model: 'm'.repeat(10_000) }) },
  { name: 'too many messages', ...chat({ messages: Array.from({ length: 51 }, () => user('hi')) }) },
  { name: 'user of 1,000 characters', ...chat({ user: 'u'.repeat(1000) }) },
  {
    name: 'too many tools',
    ...chat({
      tools: Array.from({ length: 33 }, (_, i) => ({ type: 'function', function: { name: `f${i}` } })),
    }),
  },
  {
    name: 'tool name of 500 characters',
    ...chat({ tools: [{ type: 'function', function: { name: 'f'.repeat(500) } }] }),
  },
  { name: 'unknown field with a 5,000-character name', ...chat({ ['k'.repeat(5000)]: 1 }) },
  { name: 'responses input above the character cap', ...resp({ input: 'z'.repeat(25_000) }) },
  // --- deep nesting ---
  {
    name: 'tool parameters nested 100 deep',
    ...chat({ tools: [{ type: 'function', function: { name: 'f', parameters: nested(100) } }] }),
  },
  { name: 'unknown field nested 200 deep', ...chat({ extra: nested(200) }) },
  { name: 'content nested in arrays', ...chat({ messages: [user(JSON.parse(nestedArrays(60)))] }) },
  {
    name: 'json_schema nested 80 deep',
    ...chat({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: nested(80) } } }),
  },
  {
    name: 'responses text format schema nested 80 deep',
    ...resp({ text: { format: { type: 'json_schema', name: 'x', schema: nested(80) } } }),
  },
  // --- unknown or disguised models ---
  { name: 'model not on the allow-list', ...chat({ model: 'gpt-4' }) },
  { name: 'empty model', ...chat({ model: '' }) },
  { name: 'model with a leading space', ...chat({ model: ' gpt-4o-mini' }) },
  { name: 'model in upper case', ...chat({ model: 'GPT-4O-MINI' }) },
  { name: 'model with CRLF and a header', ...chat({ model: 'gpt-4o-mini\r\nX-Injected: 1' }) },
  { name: 'model as a path traversal', ...chat({ model: '../../v1/models' }) },
  { name: 'model with a NUL byte', ...chat({ model: 'gpt-4o-mini\u0000' }) },
  { name: 'responses with an unknown model', ...resp({ model: 'o3-pro' }) },
  // --- negative or enormous token counts ---
  { name: 'max_tokens -1', ...chat({ max_tokens: -1 }) },
  { name: 'max_tokens 0', ...chat({ max_tokens: 0 }) },
  { name: 'max_tokens one above the cap', ...chat({ max_tokens: 257 }) },
  { name: 'max_tokens 1e9', ...chat({ max_tokens: 1e9 }) },
  { name: 'max_tokens 1e308', ...chat({ max_tokens: 1e308 }) },
  {
    name: 'max_tokens overflowing to Infinity',
    body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":1e400}',
  },
  {
    name: 'max_tokens 2^53 + 1',
    body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":9007199254740993}',
  },
  { name: 'max_completion_tokens -5', ...chat({ max_completion_tokens: -5 }) },
  { name: 'max_completion_tokens 999999', ...chat({ max_completion_tokens: 999_999 }) },
  { name: 'max_output_tokens 0', ...resp({ max_output_tokens: 0 }) },
  { name: 'max_output_tokens -1', ...resp({ max_output_tokens: -1 }) },
  { name: 'max_output_tokens 1e12', ...resp({ max_output_tokens: 1e12 }) },
  // --- unknown fields ---
  { name: 'unknown top-level field', ...chat({ foo: 1 }) },
  { name: 'typo max_token', ...chat({ max_token: 10 }) },
  {
    name: 'audio output',
    ...chat({ audio: { voice: 'alloy', format: 'mp3' }, modalities: ['text', 'audio'] }),
  },
  { name: 'priority service tier', ...chat({ service_tier: 'priority' }) },
  { name: 'web search options', ...chat({ web_search_options: {} }) },
  { name: 'store on chat', ...chat({ store: true }) },
  {
    name: '__proto__ key',
    body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"__proto__":{"admin":true}}',
  },
  { name: 'constructor key', ...chat({ constructor: { prototype: {} } }) },
  {
    name: 'unknown field in a message',
    ...chat({ messages: [{ role: 'user', content: 'hi', cache: true }] }),
  },
  {
    name: 'unknown field in a content part',
    ...chat({ messages: [user([{ type: 'text', text: 'hi', style: 'bold' }])] }),
  },
  // --- n ---
  { name: 'n = 2', ...chat({ n: 2 }) },
  { name: 'n = 0', ...chat({ n: 0 }) },
  { name: 'n = -1', ...chat({ n: -1 }) },
  { name: 'n as a string', ...chat({ n: '1' }) },
  // --- streaming abuse ---
  { name: 'stream as a string', ...chat({ stream: 'yes' }) },
  { name: 'stream as a number', ...chat({ stream: 1 }) },
  { name: 'stream_options without stream', ...chat({ stream_options: { include_usage: true } }) },
  {
    name: 'stream_options with a string',
    ...chat({ stream: true, stream_options: { include_usage: 'yes' } }),
  },
  {
    name: 'stream_options with an unknown field',
    ...chat({ stream: true, stream_options: { chunk_size: 1 } }),
  },
  { name: 'stream with n = 5', ...chat({ stream: true, n: 5 }) },
  { name: 'stream with an enormous max_tokens', ...chat({ stream: true, max_tokens: 1_000_000 }) },
  { name: 'stream on an unknown model', ...chat({ stream: true, model: 'gpt-4-32k' }) },
  { name: 'responses stream as a string', ...resp({ stream: 'true' }) },
  {
    name: 'responses stream_options without stream',
    ...resp({ stream_options: { include_obfuscation: false } }),
  },
  // --- responses specifics ---
  { name: 'responses without input', path: '/responses', body: { model: 'gpt-4o-mini' } },
  { name: 'responses input is a number', ...resp({ input: 5 }) },
  { name: 'responses input is an empty list', ...resp({ input: [] }) },
  { name: 'responses message without content', ...resp({ input: [{ role: 'user' }] }) },
  { name: 'responses function_call without fields', ...resp({ input: [{ type: 'function_call' }] }) },
  {
    name: 'responses input item of an unknown type',
    ...resp({ input: [{ type: 'input_image', image_url: 'http://x' }] }),
  },
  { name: 'responses instructions is a number', ...resp({ instructions: 3 }) },
  { name: 'responses store: true', ...resp({ store: true }) },
  { name: 'responses previous_response_id', ...resp({ previous_response_id: 'resp_123' }) },
  { name: 'responses text format of an unknown type', ...resp({ text: { format: { type: 'xml' } } }) },
  { name: 'responses built-in tool', ...resp({ tools: [{ type: 'web_search' }] }) },
  { name: 'responses reasoning effort out of range', ...resp({ reasoning: { effort: 'max' } }) },
  { name: 'responses background mode', ...resp({ background: true }) },
  // --- methods and paths ---
  { name: 'GET on chat completions', method: 'GET', path: '/chat/completions', body: undefined },
  { name: 'PUT on responses', method: 'PUT', path: '/responses' },
  { name: 'DELETE a model', method: 'DELETE', path: '/models/gpt-4o-mini', body: undefined },
  { name: 'embeddings (not offered)', path: '/embeddings', body: { model: 'gpt-4o-mini', input: 'x' } },
  {
    name: 'legacy completions (not offered)',
    path: '/completions',
    body: { model: 'gpt-4o-mini', prompt: 'x' },
  },
  { name: 'an unknown model', method: 'GET', path: '/models/gpt-9', body: undefined },
  { name: 'path traversal', method: 'GET', path: '/../../health/../openai/v1/x', body: undefined },
  // --- origins and credentials (header abuse) ---
  { name: 'a foreign Origin', ...chat({}), headers: { origin: 'https://evil.example' } },
  { name: 'a lookalike Origin', ...chat({}), headers: { origin: 'http://127.0.0.1:4322.evil.example' } },
  { name: 'an Origin with a path', ...chat({}), headers: { origin: 'http://127.0.0.1:4322/x' } },
  { name: 'the opaque null Origin', ...chat({}), headers: { origin: 'null' } },
  {
    name: 'an Origin of 5,000 characters',
    ...chat({}),
    headers: { origin: `https://${'a'.repeat(5000)}.example` },
  },
  { name: 'an Origin with a different scheme', ...chat({}), headers: { origin: 'https://127.0.0.1:4322' } },
  {
    name: 'a foreign Origin asking for a token',
    method: 'POST',
    path: '/../token',
    body: undefined,
    headers: { origin: 'https://evil.example' },
  },
  { name: 'no key where a token is required', ...chat({}), guarded: true },
  {
    name: 'a plain string as the token',
    ...chat({}),
    guarded: true,
    headers: { authorization: 'Bearer sandbox' },
  },
  {
    name: 'an OpenAI-looking key as the token',
    ...chat({}),
    guarded: true,
    headers: { authorization: `Bearer sk-proj-${'x'.repeat(48)}` },
  },
  { name: 'Basic credentials', ...chat({}), guarded: true, headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  {
    name: 'a 10,000-character token',
    ...chat({}),
    guarded: true,
    headers: { authorization: `Bearer ctk1.${'a'.repeat(10_000)}.b` },
  },
  {
    name: 'a token with empty parts',
    ...chat({}),
    guarded: true,
    headers: { authorization: 'Bearer ctk1..' },
  },
  {
    name: 'a token with extra parts',
    ...chat({}),
    guarded: true,
    headers: { authorization: 'Bearer ctk1.a.b.c' },
  },
  {
    name: 'a token with a non-base64 signature',
    ...chat({}),
    guarded: true,
    headers: { authorization: 'Bearer ctk1.eyJ9.%%%' },
  },
  { name: 'a token signed with another secret', ...chat({}), guarded: true, headers: {} },
  { name: 'an expired token', ...chat({}), guarded: true, headers: {} },
]

// Tokens that need signing are filled in before the run.
async function prepare(c: Case): Promise<Case> {
  if (c.name === 'a token signed with another secret') {
    const { token } = await accessTokens('another-secret-that-is-long-enough-0123', 60).issue('c')
    return { ...c, headers: { authorization: `Bearer ${token}` } }
  }
  if (c.name === 'an expired token') {
    const { token } = await accessTokens(SECRET, 60, () => Date.now() - 7_200_000).issue(
      clientTag(SECRET)('127.0.0.1'),
    )
    return { ...c, headers: { authorization: `Bearer ${token}` } }
  }
  return c
}

async function send(c: Case): Promise<Response> {
  const proxy = c.guarded ? guarded : open
  const path = c.path ?? '/chat/completions'
  const url = path.startsWith('/..')
    ? `${proxy.url}/api/openai/${path.replace(/^\/\.\.\//, '')}`
    : `${proxy.baseURL}${path}`
  const method = c.method ?? 'POST'
  const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers }
  if (headers['content-type'] === '') delete headers['content-type']
  const body = 'body' in c ? c.body : chat({}).body
  return fetch(url, {
    method,
    headers,
    body:
      method === 'GET' || body === undefined
        ? undefined
        : typeof body === 'string' || body instanceof Blob
          ? body
          : JSON.stringify(body),
  })
}

describe('bad-input corpus', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → a 4xx with an OpenAI-shaped error',
    async (_name, raw) => {
      const res = await send(await prepare(raw))
      const text = await res.text()
      expect(res.status, text).toBeGreaterThanOrEqual(400)
      expect(res.status, text).toBeLessThan(500)
      const body = JSON.parse(text) as { error: Record<string, unknown> }
      expect(Object.keys(body)).toEqual(['error'])
      expect(typeof body.error.message).toBe('string')
      expect((body.error.message as string).length).toBeGreaterThan(10)
      expect(typeof body.error.type).toBe('string')
      expect(body.error.param === null || typeof body.error.param === 'string').toBe(true)
      expect(body.error.code === null || typeof body.error.code === 'string').toBe(true)
      // No stack trace, no internals.
      expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|ZodError|SyntaxError|TypeError/)
      expect(text).not.toContain(KEY)
    },
  )

  it('let none of them reach the upstream', () => {
    expect(fake.received).toEqual([])
  })

  it('logged every one of them without a body', () => {
    const lines = [...open.logs, ...guarded.logs]
    expect(lines.length).toBeGreaterThanOrEqual(cases.length)
    expect(lines.every((line) => line.status >= 400 && line.status < 500)).toBe(true)
    expect(JSON.stringify(lines)).not.toContain('x'.repeat(100))
  })
})
