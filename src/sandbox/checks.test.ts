import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { checkRequest, compareResponse, defineChecks, jsonEquals, jsonIncludes, runChecks } from './checks.ts'

function greeter() {
  const app = new Hono()
  app.post('/hello', async (c) => {
    const body = await c.req.json().catch(() => null)
    if (!body?.name) return c.json({ error: 'Missing name parameter' }, 400)
    return c.json({ message: `Hello, ${body.name}!`, at: 'now' })
  })
  app.get('/text', (c) => c.text('Hello, World!'))
  return app
}

describe('checkRequest', () => {
  test('sends JSON values as JSON with a content type', async () => {
    const req = checkRequest({ method: 'post', path: '/hello?x=1', body: { name: 'Alice' } })
    expect(req.method).toBe('POST')
    expect(req.url).toBe('http://localhost/hello?x=1')
    expect(req.headers.get('content-type')).toBe('application/json')
    expect(await req.text()).toBe('{"name":"Alice"}')
  })

  test('sends strings as-is and keeps an explicit content type', async () => {
    const req = checkRequest({
      method: 'POST',
      path: '/hello',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"name":',
    })
    expect(req.headers.get('content-type')).toBe('text/plain')
    expect(await req.text()).toBe('{"name":')
  })
})

describe('runChecks against app.request', () => {
  const checks = defineChecks([
    {
      name: 'greets Alice',
      hint: 'Read name from the JSON body.',
      request: { method: 'POST', path: '/hello', body: { name: 'Alice' } },
      expect: {
        status: 200,
        jsonIncludes: { message: 'Hello, Alice!' },
        headers: { 'Content-Type': { includes: 'json' } },
      },
    },
    {
      name: 'rejects a missing name',
      hint: 'Answer 400 when name is missing.',
      request: { method: 'POST', path: '/hello', body: {} },
      expect: { status: 400, json: { error: 'Missing name parameter' } },
    },
    {
      name: 'exact JSON fails on extra keys',
      hint: 'Only message.',
      request: { method: 'POST', path: '/hello', body: { name: 'Bob' } },
      expect: { json: { message: 'Hello, Bob!' } },
    },
    {
      name: 'text',
      hint: 'Plain text.',
      request: { method: 'GET', path: '/text' },
      expect: { status: 200, text: 'Hello, World!', bodyIncludes: 'World' },
    },
  ])

  test('reports passed and failed checks with request, expected, actual and hint', async () => {
    const app = greeter()
    const results = await runChecks(checks, (req) => app.request(req))
    expect(results.map((r) => r.passed)).toEqual([true, true, false, true])
    const failed = results[2]!
    expect(failed.hint).toBe('Only message.')
    expect(failed.request).toEqual(checks[2]!.request)
    expect(failed.expected).toEqual(checks[2]!.expect)
    expect(failed.actual?.status).toBe(200)
    expect(failed.message).toBe(
      'body: expected {"message":"Hello, Bob!"}, got {"message":"Hello, Bob!","at":"now"}',
    )
    expect(results[0]!.message).toBe('Passed')
  })

  test('a fetch that throws fails the check with the reason', async () => {
    const results = await runChecks(checks.slice(0, 1), () => {
      throw new Error('the app is not running')
    })
    expect(results[0]).toMatchObject({ passed: false, message: 'request failed: the app is not running' })
    expect(results[0]!.actual).toBeUndefined()
  })
})

describe('compareResponse', () => {
  const actual = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }

  test('lists every mismatch on its own line', () => {
    expect(
      compareResponse(
        { status: 400, headers: { 'X-Id': 'a', 'Content-Type': 'application/json' }, json: { error: 'x' } },
        actual,
      ),
    ).toEqual([
      'status: expected 400, got 500',
      'header X-Id: expected it to be set, but it is missing',
      'header Content-Type: expected "application/json", got "text/plain"',
      'body: expected JSON, got "Internal Server Error"',
    ])
  })

  test('text and bodyIncludes', () => {
    expect(compareResponse({ text: 'Hello' }, actual)).toEqual([
      'body: expected "Hello", got "Internal Server Error"',
    ])
    expect(compareResponse({ bodyIncludes: 'Error' }, actual)).toEqual([])
    expect(compareResponse({ bodyIncludes: 'x' }, { ...actual, body: '' })).toEqual([
      'body: expected it to contain "x", got an empty body',
    ])
  })
})

describe('JSON comparison', () => {
  test('jsonEquals is deep and strict about keys and lengths', () => {
    expect(jsonEquals({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true)
    expect(jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(jsonEquals([1, 2], [1, 2, 3])).toBe(false)
    expect(jsonEquals({ a: [] }, { a: {} })).toBe(false)
    expect(jsonEquals(1, '1')).toBe(false)
  })

  test('jsonIncludes allows extra keys but not missing ones', () => {
    expect(jsonIncludes({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBe(true)
    expect(jsonIncludes({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(jsonIncludes([{ id: 1, x: 1 }], [{ id: 1 }])).toBe(true)
    expect(jsonIncludes([{ id: 1 }, { id: 2 }], [{ id: 1 }])).toBe(false)
    expect(jsonIncludes('a', 'a')).toBe(true)
  })
})
