import { describe, expect, test } from 'vitest'
import {
  deserializeRequest,
  deserializeResponse,
  runtimeErrorResponse,
  serializeRequest,
  serializeResponse,
} from './protocol.ts'
import { isRuntimeError, RUNTIME_ERROR_HEADER } from './runtime.ts'

describe('requests and responses across postMessage', () => {
  test('a request keeps method, URL, headers and body', async () => {
    const original = new Request('http://sandbox/hello?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    const copy = deserializeRequest(
      structuredClone(await serializeRequest(original)),
      'http://127.0.0.1:4322/hello?x=1',
    )
    expect(copy.method).toBe('POST')
    expect(copy.url).toBe('http://127.0.0.1:4322/hello?x=1')
    expect(copy.headers.get('content-type')).toBe('application/json')
    expect(await copy.text()).toBe('{"a":1}')
    expect((await serializeRequest(new Request('http://sandbox/'))).body).toBeNull()
  })

  test('a response keeps status and body; Set-Cookie, which browsers drop, is mirrored', async () => {
    const headers = new Headers({ 'content-type': 'text/plain' })
    headers.append('set-cookie', 'a=1; Path=/')
    headers.append('set-cookie', 'b=2')
    const copy = deserializeResponse(
      structuredClone(await serializeResponse(new Response('hi', { status: 201, headers }))),
    )
    expect(copy.status).toBe(201)
    expect(await copy.text()).toBe('hi')
    expect(copy.headers.get('x-sandbox-set-cookie')).toBe('["a=1; Path=/","b=2"]')
    expect(deserializeResponse(await serializeResponse(new Response(null, { status: 204 }))).status).toBe(204)
  })

  test('runtime errors are marked, with a JSON explanation', async () => {
    const res = deserializeResponse(runtimeErrorResponse('timeout', 'GET / did not answer within 5 s'))
    expect(res.status).toBe(504)
    expect(res.headers.get(RUNTIME_ERROR_HEADER)).toBe('timeout')
    expect(isRuntimeError(res)).toBe(true)
    expect(await res.json()).toEqual({ error: 'GET / did not answer within 5 s', runtimeError: 'timeout' })
    expect(deserializeResponse(runtimeErrorResponse('not-running', 'x')).status).toBe(503)
    expect(isRuntimeError(new Response('ok'))).toBe(false)
  })
})
