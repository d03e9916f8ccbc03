import { defineChecks } from '../../src/sandbox/checks.ts'

const restore = [
  { request: { method: 'DELETE', path: '/notifications/outage' }, expect: { status: 204 } },
  { request: { method: 'DELETE', path: '/notifications/slow' }, expect: { status: 204 } },
]

export default defineChecks([
  {
    name: 'With both services up, completing t2 answers 200 and "notification": "sent"',
    hint: 'The happy path must keep working: say "sent" when the notifications service accepted it.',
    steps: [
      ...restore,
      {
        request: { method: 'POST', path: '/tasks/t2/complete' },
        expect: { status: 200, jsonIncludes: { task: { id: 't2', done: true }, notification: 'sent' } },
      },
    ],
  },
  {
    name: 'With notifications stopped, completing t3 still answers 200, "notification": "pending"',
    hint: 'A refused connection makes fetch reject. The task is already done: catch the failure, remember the notification for later, and answer the client anyway.',
    steps: [
      ...restore,
      { request: { method: 'POST', path: '/notifications/outage' }, expect: { status: 204 } },
      {
        request: { method: 'POST', path: '/tasks/t3/complete' },
        expect: { status: 200, jsonIncludes: { task: { id: 't3', done: true }, notification: 'pending' } },
      },
      {
        request: { method: 'GET', path: '/pending' },
        expect: { status: 200, bodyIncludes: '"taskId":"t3"' },
      },
      ...restore,
    ],
  },
  {
    name: 'With notifications slow (2.5 s), completing t4 does not wait: "notification": "pending"',
    hint: 'A slow service is worse than a dead one: nothing fails, everything waits. Race the call against a timer (about 1 s) and treat losing the race like a failure.',
    steps: [
      ...restore,
      { request: { method: 'POST', path: '/notifications/slow' }, expect: { status: 204 } },
      {
        request: { method: 'POST', path: '/tasks/t4/complete' },
        expect: { status: 200, jsonIncludes: { notification: 'pending' } },
      },
      ...restore,
    ],
  },
])
