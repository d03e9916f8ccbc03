import { expect, test } from 'vitest'
import { describeActual, describeExpected, describeRequest, summarizeResults } from './check-format.ts'

test('a check request reads like HTTP, with the JSON content type the runner adds', () => {
  expect(describeRequest({ method: 'post', path: '/hello', body: { name: 'Alice' } })).toBe(
    'POST /hello\nContent-Type: application/json\n\n{\n  "name": "Alice"\n}',
  )
  expect(
    describeRequest({
      method: 'POST',
      path: '/hello',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":',
    }),
  ).toBe('POST /hello\nContent-Type: application/json\n\n{"name":')
  expect(describeRequest({ method: 'GET', path: '/hello' })).toBe('GET /hello')
})

test('expected lists status, headers and body', () => {
  expect(describeExpected({ status: 400, json: { error: 'Missing name parameter' } })).toBe(
    'Status 400 Bad Request\n\n{\n  "error": "Missing name parameter"\n}',
  )
  expect(describeExpected({ headers: { 'content-type': { includes: 'json' } }, bodyIncludes: 'Alice' })).toBe(
    'content-type containing "json"\n\nA body containing "Alice"',
  )
})

test('expected reads status sets, header and cookie rules, and body patterns', () => {
  expect(
    describeExpected({
      status: [200, 201],
      headers: { Location: { matches: '^/tasks/' }, 'X-Id': { present: true }, Server: { absent: true } },
      cookies: { session: { httpOnly: true, sameSite: 'Lax', maxAge: 60 }, old: { absent: true } },
      bodyMatches: '^ok',
    }),
  ).toBe(
    [
      'Status 200 OK or 201 Created',
      'Location matching /^/tasks//',
      'X-Id: (any value)',
      'No Server header',
      'Sets cookie session (HttpOnly, SameSite=Lax, Max-Age=60)',
      'No cookie old set',
      '',
      'A body matching /^ok/',
    ].join('\n'),
  )
})

test('actual lists every Set-Cookie when the step expects cookies', () => {
  expect(
    describeActual(
      { status: 200, headers: {}, setCookies: ['session=s1; HttpOnly', 'x=1'], body: '' },
      { cookies: { session: { present: true } } },
    ),
  ).toBe('Status 200 OK\nSet-Cookie: session=s1; HttpOnly\nSet-Cookie: x=1')
})

test('actual shows only what the check looks at, JSON pretty-printed', () => {
  const actual = {
    status: 200,
    headers: { 'content-type': 'application/json', date: 'x' },
    setCookies: [],
    body: '{"message":"Hello, undefined!"}',
  }
  expect(describeActual(actual, { status: 400, headers: { 'Content-Type': 'application/json' } })).toBe(
    'Status 200 OK\nContent-Type: application/json\n\n{\n  "message": "Hello, undefined!"\n}',
  )
  expect(describeActual({ status: 500, headers: {}, setCookies: [], body: '' }, { text: 'x' })).toBe(
    'Status 500 Internal Server Error\n\n(empty body)',
  )
})

test('summary counts passes', () => {
  expect(summarizeResults([{ passed: true }, { passed: false }, { passed: true }])).toBe('2 of 3 checks pass')
  expect(summarizeResults([{ passed: true }])).toBe('All 1 check passes')
  expect(summarizeResults([{ passed: true }, { passed: true }])).toBe('All 2 checks pass')
})
