import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'POST /hello with {"name":"Alice"} greets Alice',
    hint: 'Read the body with await c.req.json() and answer with c.json({ message: … }).',
    request: { method: 'POST', path: '/hello', body: { name: 'Alice' } },
    expect: {
      status: 200,
      headers: { 'Content-Type': { includes: 'application/json' } },
      json: { message: 'Hello, Alice!' },
    },
  },
  {
    name: 'A body without a name gets 400 and an error message',
    hint: 'Check that name is a non-empty string before greeting; c.json(body, 400) sets the status.',
    request: { method: 'POST', path: '/hello', body: {} },
    expect: { status: 400, json: { error: 'Missing name parameter' } },
  },
  {
    name: 'An empty name gets 400',
    hint: 'An empty string is a string: after checking the type, check that name.trim() is not "".',
    request: { method: 'POST', path: '/hello', body: { name: '' } },
    expect: { status: 400, json: { error: 'Missing name parameter' } },
  },
  {
    name: 'A name that is not a string gets 400',
    hint: 'The client can send anything, e.g. {"name": 42}: check typeof name === "string".',
    request: { method: 'POST', path: '/hello', body: { name: 42 } },
    expect: { status: 400, json: { error: 'Missing name parameter' } },
  },
  {
    name: 'Malformed JSON gets 400, not a server error',
    hint: 'c.req.json() throws when the body is not valid JSON: catch it and answer 400.',
    request: {
      method: 'POST',
      path: '/hello',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":',
    },
    expect: { status: 400 },
  },
])
