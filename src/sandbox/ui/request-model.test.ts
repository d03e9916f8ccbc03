import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { describe, expect, test } from 'vitest'
import {
  draftFromConfig,
  effectiveHeaders,
  formatBody,
  jsonProblem,
  normalizePath,
  parseHeaderLines,
  prefilledRequest,
  pushHistory,
  shellQuote,
  statusLine,
  toCurl,
  toRequest,
  hasOwnCookie,
  type HistoryEntry,
  type RequestDraft,
} from './request-model.ts'

const post: RequestDraft = { method: 'POST', path: '/hello', headers: '', body: '{"name":"Alice"}' }

describe('headers', () => {
  test('parses Name: value lines, skipping blanks and comments, and reports the rest', () => {
    const { headers, problems } = parseHeaderLines(
      'Accept: application/json\n\n# note\nX-Trace:  a:b \nnot a header\n: empty',
    )
    expect(headers).toEqual([
      ['Accept', 'application/json'],
      ['X-Trace', 'a:b'],
    ])
    expect(problems).toEqual([
      'Header line 5 ("not a header") is not "Name: value".',
      'Header line 6 (": empty") is not "Name: value".',
    ])
  })

  test('a JSON-looking body gets Content-Type: application/json unless one is given', () => {
    expect(effectiveHeaders(post)).toEqual([['Content-Type', 'application/json']])
    expect(effectiveHeaders({ ...post, headers: 'content-type: text/plain' })).toEqual([
      ['content-type', 'text/plain'],
    ])
    expect(effectiveHeaders({ ...post, body: 'name=Alice' })).toEqual([])
    expect(effectiveHeaders({ ...post, method: 'GET' })).toEqual([])
  })
})

test('jsonProblem explains malformed JSON and ignores non-JSON bodies', () => {
  expect(jsonProblem('{"name":"Alice"}')).toBeUndefined()
  expect(jsonProblem('hello')).toBeUndefined()
  expect(jsonProblem('{"name":')).toMatch(/^Not valid JSON: /)
})

test('normalizePath adds the leading slash', () => {
  expect(normalizePath('hello?x=1')).toBe('/hello?x=1')
  expect(normalizePath('  ')).toBe('/')
})

describe('toRequest', () => {
  test('reaches a real Hono app with method, headers and JSON body', async () => {
    const app = new Hono().post('/hello', async (c) => {
      const { name } = await c.req.json<{ name: string }>()
      return c.json({ message: `Hello, ${name}!`, type: c.req.header('content-type') })
    })
    const res = await app.fetch(toRequest(post, 'http://sandbox.local'))
    expect(await res.json()).toEqual({ message: 'Hello, Alice!', type: 'application/json' })
  })

  test('GET and HEAD never carry a body', () => {
    const request = toRequest({ ...post, method: 'get' }, 'http://sandbox.local')
    expect(request.method).toBe('GET')
    expect(request.body).toBeNull()
  })
})

describe('toRequest with the cookie jar', () => {
  const app = new Hono().get('/me', (c) => c.json({ session: getCookie(c, 'session') ?? null }))
  const me = { method: 'GET', path: '/me', headers: '', body: '' }

  test("the jar's Cookie header reaches the app", async () => {
    const res = await app.fetch(toRequest(me, 'http://sandbox.local', 'session=s1'))
    expect(await res.json()).toEqual({ session: 's1' })
  })

  test("a Cookie line of the learner's own replaces the jar's", async () => {
    const own = { ...me, headers: 'Cookie: session=mine' }
    expect(hasOwnCookie(own)).toBe(true)
    expect(hasOwnCookie(me)).toBe(false)
    const res = await app.fetch(toRequest(own, 'http://sandbox.local', 'session=s1'))
    expect(await res.json()).toEqual({ session: 'mine' })
  })
})

describe('toCurl', () => {
  test('a GET is just the URL', () => {
    expect(toCurl({ method: 'GET', path: '/hello', headers: '', body: '' })).toBe(
      'curl -i http://localhost:3000/hello',
    )
  })

  test('a POST with JSON sends method, content type and body, safely quoted', () => {
    expect(toCurl(post)).toBe(
      [
        'curl -i -X POST http://localhost:3000/hello',
        "  -H 'Content-Type: application/json'",
        `  --data-raw '{"name":"Alice"}'`,
      ].join(' \\\n'),
    )
  })

  test('quotes single quotes and query strings', () => {
    const curl = toCurl({ method: 'PUT', path: '/notes?q=1&x=2', headers: '', body: "it's" })
    expect(curl).toContain(`'http://localhost:3000/notes?q=1&x=2'`)
    expect(curl).toContain(`--data-raw 'it'\\''s'`)
    expect(shellQuote('plain/path')).toBe('plain/path')
  })

  test('HEAD uses -I', () => {
    expect(toCurl({ method: 'HEAD', path: '/', headers: '', body: '' })).toBe(
      'curl -I http://localhost:3000/',
    )
  })
})

describe('formatBody', () => {
  test('pretty-prints declared or obvious JSON', () => {
    expect(formatBody('{"a":1}', 'application/json; charset=UTF-8')).toEqual({
      text: '{\n  "a": 1\n}',
      json: true,
    })
    expect(formatBody('{"a":1}', 'application/problem+json')).toEqual({ text: '{\n  "a": 1\n}', json: true })
    expect(formatBody('[1]', null)).toEqual({ text: '[\n  1\n]', json: true })
  })

  test('leaves text and broken JSON exactly as sent', () => {
    expect(formatBody('Hello, World!', 'text/plain')).toEqual({ text: 'Hello, World!', json: false })
    expect(formatBody('{"a":', 'application/json')).toEqual({ text: '{"a":', json: false })
    expect(formatBody('{"a":1}', 'text/html')).toEqual({ text: '{"a":1}', json: false })
  })
})

test('statusLine fills in the reason phrase responses built in code lack', () => {
  expect(statusLine(404)).toBe('404 Not Found')
  expect(statusLine(200, 'Fine')).toBe('200 Fine')
  expect(statusLine(599)).toBe('599')
})

describe('draftFromConfig', () => {
  test('accepts header objects, pairs or text, and object or text bodies', () => {
    expect(
      draftFromConfig({
        method: 'post',
        path: 'hello',
        headers: { Accept: 'text/plain' },
        body: { name: 'Alice' },
      }),
    ).toEqual({
      method: 'POST',
      path: '/hello',
      headers: 'Accept: text/plain',
      body: '{\n  "name": "Alice"\n}',
    })
    expect(draftFromConfig({ headers: [['A', '1']], body: 'raw' })).toEqual({
      method: 'GET',
      path: '/',
      headers: 'A: 1',
      body: 'raw',
    })
    expect(draftFromConfig(undefined)).toEqual({ method: 'GET', path: '/', headers: '', body: '' })
  })
})

describe("prefilledRequest: a sandbox.json's request as the panel first sends it", () => {
  const app = new Hono().all('*', async (c) =>
    c.json({
      method: c.req.method,
      url: c.req.url,
      type: c.req.header('content-type') ?? null,
      body: await c.req.text(),
    }),
  )

  test('a JSON body without Content-Type is sent as application/json, to the local origin', async () => {
    const res = await app.request(
      prefilledRequest({ method: 'POST', path: '/hello', body: '{"name":"Ada"}' }),
    )
    expect(await res.json()).toEqual({
      method: 'POST',
      url: 'http://localhost:3000/hello',
      type: 'application/json',
      body: '{"name":"Ada"}',
    })
  })

  test('a Content-Type of its own is kept, and other bodies get none', async () => {
    const form = prefilledRequest({
      method: 'POST',
      path: '/tasks',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    })
    expect(await (await app.request(form)).json()).toMatchObject({
      type: 'application/x-www-form-urlencoded',
    })
    const text = prefilledRequest({ method: 'POST', path: '/notes', body: 'plain words' })
    expect(await (await app.request(text)).json()).toMatchObject({
      type: expect.stringMatching(/^text\/plain/),
    })
  })

  test('is the same request as the draft the page renders, sent', async () => {
    const config = { method: 'PATCH', path: '/tasks/t4', headers: { 'X-Trace': '1' }, body: '{"done":true}' }
    const viaDraft = toRequest(draftFromConfig(config), 'http://localhost:3000')
    const direct = prefilledRequest(config)
    expect([...direct.headers]).toEqual([...viaDraft.headers])
    expect(await direct.text()).toBe(await viaDraft.text())
  })
})

test('history keeps the newest ten distinct requests', () => {
  const entry = (path: string): HistoryEntry => ({ draft: { ...post, path }, status: 200, ms: 1, at: '' })
  let history: HistoryEntry[] = []
  for (let i = 0; i < 12; i++) history = pushHistory(history, entry(`/${i}`))
  expect(history.map((h) => h.draft.path)).toEqual([
    '/11',
    '/10',
    '/9',
    '/8',
    '/7',
    '/6',
    '/5',
    '/4',
    '/3',
    '/2',
  ])
  history = pushHistory(history, entry('/5'))
  expect(history.map((h) => h.draft.path).slice(0, 3)).toEqual(['/5', '/11', '/10'])
  expect(history).toHaveLength(10)
})
