import { defineChecks } from '../../src/sandbox/checks.ts'

const transfer = (from: string, to: string, hours: unknown) => ({
  method: 'POST',
  path: '/transfers',
  body: { from, to, hours } as { from: string; to: string; hours: number },
})
const total = {
  request: { method: 'GET', path: '/projects/total' },
  expect: { status: 200, json: { totalHours: 50 } },
}

export default defineChecks([
  {
    name: 'Moving 5 hours from p1 to p2 works',
    hint: 'Keep the simple case working: both updates happen, and the answer says what moved.',
    request: transfer('p1', 'p2', 5),
    expect: { status: 200, json: { from: 'p1', to: 'p2', hours: 5 } },
  },
  {
    name: 'Moving more hours than p2 has answers 409 "Not enough hours in p2"',
    hint: 'Read the source project’s budget first and compare. 409 Conflict says the request is fine but clashes with the current state.',
    request: transfer('p2', 'p1', 1000),
    expect: { status: 409, json: { error: 'Not enough hours in p2' } },
  },
  {
    name: 'A refused transfer changes nothing: the total stays 50 hours',
    hint: 'Two UPDATEs are two separate changes unless they run in one transaction: db.transaction(async (tx) => { … }) commits both, or neither if the callback throws.',
    steps: [{ request: transfer('p2', 'p1', 1000), expect: { status: 409 } }, total],
  },
  {
    name: 'A transfer to a project that does not exist answers 404 and changes nothing',
    hint: 'UPDATE … WHERE id = $1 on a missing row changes 0 rows without an error: check affectedRows, and throw inside the transaction so the subtraction is undone too.',
    steps: [{ request: transfer('p1', 'p9', 1), expect: { status: 404 } }, total],
  },
  {
    name: 'Hours must be a whole number above 0',
    hint: 'A negative transfer would move hours the other way without the check; -5 and 2.5 are both 400.',
    steps: [
      { request: transfer('p1', 'p2', -5), expect: { status: 400 } },
      { request: transfer('p1', 'p2', 2.5), expect: { status: 400 } },
      total,
    ],
  },
])
