import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'A valid task is created with defaults filled in',
    hint: 'z.boolean().default(false) makes a field optional and gives it a value when it is left out.',
    request: { method: 'POST', path: '/tasks', body: { title: '  Write the release notes  ' } },
    expect: {
      status: 201,
      jsonIncludes: { title: 'Write the release notes', done: false, assigneeId: null },
    },
  },
  {
    name: 'A missing title gets 400 in the course error shape',
    hint: 'Pass a hook as zValidator’s third argument; when result.success is false, return c.json({ error, issues }, 400). Each zod issue has a path (an array) and a message.',
    request: { method: 'POST', path: '/tasks', body: {} },
    expect: { status: 400, jsonIncludes: { error: 'Invalid task', issues: [{ path: 'title' }] } },
  },
  {
    name: 'A title of only spaces is refused',
    hint: 'Order matters in a zod chain: trim first, then check the length of what is left.',
    request: { method: 'POST', path: '/tasks', body: { title: '   ' } },
    expect: { status: 400, jsonIncludes: { error: 'Invalid task', issues: [{ path: 'title' }] } },
  },
  {
    name: 'A title over 200 characters is refused',
    hint: 'z.string() accepts any length until you add .max(…).',
    request: { method: 'POST', path: '/tasks', body: { title: 'x'.repeat(201) } },
    expect: { status: 400, jsonIncludes: { error: 'Invalid task', issues: [{ path: 'title' }] } },
  },
  {
    name: '"done" must be a boolean, not the string "yes"',
    hint: 'A field the schema does not mention is stripped, not checked: describe done in the schema.',
    request: { method: 'POST', path: '/tasks', body: { title: 'Ship it', done: 'yes' } },
    expect: { status: 400, jsonIncludes: { error: 'Invalid task', issues: [{ path: 'done' }] } },
  },
  {
    name: 'Malformed JSON gets 400 with a JSON error, not plain text',
    hint: 'The validator throws an HTTPException for a body it cannot parse, before your hook runs. app.onError sees it: answer c.json({ error: err.message }, err.status).',
    request: {
      method: 'POST',
      path: '/tasks',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":',
    },
    expect: { status: 400, headers: { 'Content-Type': { includes: 'application/json' } } },
  },
])
