import { defineChecks } from '../../src/sandbox/checks.ts'

const PROBLEM = { 'Content-Type': { includes: 'application/problem+json' } }
const TYPES = 'https://tasks.example/problems/'

export default defineChecks([
  {
    name: 'An unknown task is a 404 problem',
    hint: 'Replace c.json({ error }, 404) with problem(c, { type, title, status, detail }). problem() sets the media type and fills in instance.',
    request: { method: 'GET', path: '/tasks/t404' },
    expect: {
      status: 404,
      headers: PROBLEM,
      jsonIncludes: {
        type: `${TYPES}task-not-found`,
        title: 'Task not found',
        status: 404,
        instance: '/tasks/t404',
      },
    },
  },
  {
    name: 'A missing title is a 400 problem pointing at the field',
    hint: 'Extensions are extra members next to the standard ones: errors: [{ pointer: "#/title", detail: "…" }].',
    request: { method: 'POST', path: '/tasks', body: { title: '' } },
    expect: {
      status: 400,
      headers: PROBLEM,
      jsonIncludes: {
        type: `${TYPES}invalid-task`,
        title: 'Invalid task',
        status: 400,
        errors: [{ pointer: '#/title' }],
      },
    },
  },
  {
    name: 'Malformed JSON is a 400 problem, not a 500',
    hint: 'c.req.json() throws on a body it cannot parse: catch that and answer the malformed-json problem.',
    request: {
      method: 'POST',
      path: '/tasks',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":',
    },
    expect: { status: 400, headers: PROBLEM, jsonIncludes: { type: `${TYPES}malformed-json`, status: 400 } },
  },
  {
    name: 'An unknown route is a 404 problem of type about:blank',
    hint: 'app.notFound((c) => …) decides what unmatched requests get; about:blank means "nothing more than the status says".',
    request: { method: 'GET', path: '/projects' },
    expect: {
      status: 404,
      headers: PROBLEM,
      jsonIncludes: { type: 'about:blank', title: 'Not Found', status: 404 },
    },
  },
  {
    name: 'A crash is a 500 problem that leaks nothing',
    hint: 'app.onError((err, c) => …) catches what handlers throw. Log err for yourself; send only the title and status.',
    request: { method: 'GET', path: '/tasks/t1/export' },
    expect: {
      status: 500,
      headers: PROBLEM,
      json: {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/tasks/t1/export',
      },
    },
  },
])
