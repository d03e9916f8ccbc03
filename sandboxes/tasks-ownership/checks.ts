import { defineChecks } from '../../src/sandbox/checks.ts'

const asGrace = {
  request: {
    method: 'POST',
    path: '/login',
    body: { email: 'grace@example.com', password: 'hunter2-but-longer' },
  },
  expect: { status: 204 },
}
const asAda = {
  request: {
    method: 'POST',
    path: '/login',
    body: { email: 'ada@example.com', password: 'correct horse battery staple' },
  },
  expect: { status: 204 },
}

export default defineChecks([
  {
    name: 'Without logging in, a task answers 401',
    hint: 'This one is authentication, and requireUser already does it: keep it in front of every /tasks route.',
    request: { method: 'GET', path: '/tasks/t3' },
    expect: { status: 401 },
  },
  {
    name: 'Grace sees a task of her own project (t3)',
    hint: 'Grace owns project p2, so every task in it is hers to see.',
    steps: [
      asGrace,
      { request: { method: 'GET', path: '/tasks/t3' }, expect: { status: 200, jsonIncludes: { id: 't3' } } },
    ],
  },
  {
    name: 'Grace gets 404 for a task she may not see (t1, in Ada’s project, assigned to Ada)',
    hint: 'Authorization is per object: look at the task’s project owner and assignee before answering. Should Grace learn that t1 exists at all?',
    steps: [
      asGrace,
      {
        request: { method: 'GET', path: '/tasks/t1' },
        expect: { status: 404, json: { error: 'Task not found' } },
      },
    ],
  },
  {
    name: 'Grace cannot change t1 either',
    hint: 'Every route that touches a task needs the same rule; one shared function keeps them from drifting apart.',
    steps: [
      asGrace,
      { request: { method: 'PATCH', path: '/tasks/t1', body: { done: false } }, expect: { status: 404 } },
    ],
  },
  {
    name: 'Grace gets 403 deleting t2: she can see it (it is assigned to her) but it is Ada’s project',
    hint: 'When the user may see the task, hiding it gains nothing, so say "forbidden" with the status made for it.',
    steps: [asGrace, { request: { method: 'DELETE', path: '/tasks/t2' }, expect: { status: 403 } }],
  },
  {
    name: 'Ada, an admin, may delete t2',
    hint: 'Admins may do anything: make sure the rules let them through.',
    steps: [asAda, { request: { method: 'DELETE', path: '/tasks/t2' }, expect: { status: 204 } }],
  },
])
