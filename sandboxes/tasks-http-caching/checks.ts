import { defineChecks } from '../../src/sandbox/checks.ts'

const setDone = (done: boolean) => ({ method: 'PATCH', path: '/tasks/t2', body: { done } })

export default defineChecks([
  {
    name: 'GET /projects may be cached by anyone for 60 seconds',
    hint: 'c.json(body, 200, { "Cache-Control": "…" }) sets the header. "public" lets shared caches (CDNs) store it too; max-age is in seconds.',
    request: { method: 'GET', path: '/projects' },
    expect: { status: 200, headers: { 'Cache-Control': { matches: '^public, max-age=60$' } } },
  },
  {
    name: 'A task is private, must be revalidated, and has an ETag',
    hint: '"private, no-cache" means: only the browser may store it, and it must ask before each reuse. app.use("/tasks/*", etag()) (import { etag } from "hono/etag") adds the ETag.',
    request: { method: 'GET', path: '/tasks/t1' },
    expect: {
      status: 200,
      headers: { 'Cache-Control': 'private, no-cache', ETag: { matches: '^(W/)?"[^"]+"$' } },
    },
  },
  {
    name: 'Revalidating an unchanged task gets 304 with no body',
    hint: 'Send the ETag back in If-None-Match: etag() compares them and answers 304 itself.',
    steps: [
      { id: 'first', request: { method: 'GET', path: '/tasks/t1' }, expect: { status: 200 } },
      {
        request: { method: 'GET', path: '/tasks/t1', headers: { 'If-None-Match': '{{first.header.etag}}' } },
        expect: { status: 304, text: '', headers: { ETag: '{{first.header.etag}}' } },
      },
    ],
  },
  {
    name: 'After a change, the old ETag gets the new task (200), with a new ETag',
    hint: 'The ETag is a hash of the body: a changed task gets a different one, so the old If-None-Match no longer matches and the full task comes back. Once every task response goes through etag(), this passes by itself.',
    steps: [
      { request: setDone(false), expect: { status: 200 } },
      { id: 'before', request: { method: 'GET', path: '/tasks/t2' }, expect: { status: 200 } },
      { request: setDone(true), expect: { status: 200 } },
      {
        request: { method: 'GET', path: '/tasks/t2', headers: { 'If-None-Match': '{{before.header.etag}}' } },
        expect: { status: 200, jsonIncludes: { id: 't2', done: true }, headers: { ETag: { present: true } } },
      },
      { request: setDone(false), expect: { status: 200 } },
    ],
  },
])
