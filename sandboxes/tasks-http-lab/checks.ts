import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'POST /tasks answers 201 Created',
    hint: 'c.json(body, status) takes the status as its second argument. Which 2xx code means "I made a new thing"?',
    request: { method: 'POST', path: '/tasks', body: { title: 'Order the banners' } },
    expect: { status: 201, jsonIncludes: { title: 'Order the banners', done: false } },
  },
  {
    name: 'POST /tasks says where the new task lives (Location)',
    hint: 'The third argument of c.json is the headers. A client that follows Location should get the task with GET.',
    request: { method: 'POST', path: '/tasks', body: { title: 'Print the badges' } },
    expect: { status: 201, headers: { Location: { includes: '/tasks/t' } } },
  },
  {
    name: 'A task without a title is still a 400',
    hint: 'Keep the input check: a 201 for bad input would store garbage.',
    request: { method: 'POST', path: '/tasks', body: { title: '' } },
    expect: { status: 400 },
  },
  {
    name: 'DELETE /tasks/t4 answers 204 No Content',
    hint: 'Success with nothing to say has its own status; its body must be empty (c.body(null, …)).',
    request: { method: 'DELETE', path: '/tasks/t4' },
    expect: { status: 204, text: '' },
  },
  {
    name: 'DELETE of a task that does not exist answers 404',
    hint: 'removeTask tells you whether there was anything to remove.',
    request: { method: 'DELETE', path: '/tasks/t404' },
    expect: { status: 404, json: { error: 'Task not found' } },
  },
  {
    name: 'DELETE /tasks (the whole collection) answers 405 with Allow',
    hint: 'The path exists but the method does not: a catch-all route for /tasks registered after the others sees only the leftovers. Allow lists what does work.',
    request: { method: 'DELETE', path: '/tasks' },
    expect: { status: 405, headers: { Allow: 'GET, HEAD, POST' } },
  },
  {
    name: 'GET /tasks still lists the tasks',
    hint: 'A catch-all registered before GET /tasks would take GET too: order matters for routes on the same path.',
    request: { method: 'GET', path: '/tasks' },
    expect: { status: 200, headers: { 'Content-Type': { includes: 'application/json' } } },
  },
])
