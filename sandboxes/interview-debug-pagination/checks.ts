import { defineChecks } from '../../src/sandbox/checks.ts'

const ids = (...list: string[]) => list.map((id) => ({ id }))

export default defineChecks([
  {
    name: 'The first page is the three oldest tasks',
    hint: 'This one passes already: the bug is on a later page.',
    request: { method: 'GET', path: '/tasks?limit=3' },
    expect: { status: 200, jsonIncludes: { items: ids('t1', 't2', 't3') } },
  },
  {
    name: 'Paging three at a time shows every task exactly once',
    hint: 'Follow nextCursor by hand and write down what each page returns. What does the cursor after t3 contain, and which other task has that same value? A cursor must identify one position in one order: make the order unique by adding a tie-breaker, and put the tie-breaker in the cursor too.',
    steps: [
      { id: 'p1', request: { method: 'GET', path: '/tasks?limit=3' }, expect: { status: 200 } },
      {
        id: 'p2',
        request: { method: 'GET', path: '/tasks?limit=3&cursor={{p1.json.nextCursor}}' },
        expect: { status: 200, jsonIncludes: { items: ids('t4', 't5', 't6') } },
      },
      {
        request: { method: 'GET', path: '/tasks?limit=3&cursor={{p2.json.nextCursor}}' },
        expect: {
          status: 200,
          json: {
            items: [{ id: 't7', title: 'Rehearse the demo', createdAt: '2026-11-07T11:20:00.000Z' }],
            nextCursor: null,
          },
        },
      },
    ],
  },
  {
    name: 'A cursor that was never issued gets 400, not 500',
    hint: 'Decoding or parsing a cursor the client made up can throw: catch it and answer 400.',
    request: { method: 'GET', path: '/tasks?cursor=not-a-cursor' },
    expect: { status: 400 },
  },
])
