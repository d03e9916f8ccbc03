import { defineChecks } from '../../src/sandbox/checks.ts'

const summary = { method: 'GET', path: '/projects/p1/summary' }
const setDone = (done: boolean) => ({ method: 'PATCH', path: '/tasks/t2', body: { done } })

export default defineChecks([
  {
    name: 'The first read queries (MISS), the next one is served from the cache (HIT)',
    hint: 'Create const summaries = new TtlCache<Summary>(30_000) next to the app. In the handler: summaries.get(id) first; on a miss, query, summaries.set(id, summary), and answer with the header X-Cache: MISS; on a hit, answer the cached value with X-Cache: HIT.',
    steps: [
      { request: setDone(false), expect: { status: 200 } },
      {
        request: summary,
        expect: { status: 200, headers: { 'X-Cache': 'MISS' }, jsonIncludes: { project_id: 'p1' } },
      },
      {
        request: summary,
        expect: { status: 200, headers: { 'X-Cache': 'HIT' }, jsonIncludes: { project_id: 'p1' } },
      },
    ],
  },
  {
    name: 'Changing a task invalidates its project’s summary, which shows the change',
    hint: 'In PATCH /tasks/:id, the UPDATE returns the task’s project_id: summaries.delete(task.project_id) after it succeeds.',
    steps: [
      { request: setDone(false), expect: { status: 200 } },
      { id: 'before', request: summary, expect: { status: 200 } },
      { request: summary, expect: { status: 200, headers: { 'X-Cache': 'HIT' } } },
      { request: setDone(true), expect: { status: 200, jsonIncludes: { project_id: 'p1', done: true } } },
      {
        request: summary,
        expect: { status: 200, headers: { 'X-Cache': 'MISS' }, jsonIncludes: { open: { $type: 'number' } } },
      },
      { request: setDone(false), expect: { status: 200 } },
    ],
  },
  {
    name: 'An unknown project is still a 404 (and nothing is cached for it)',
    hint: 'Only store a summary when the query found one.',
    request: { method: 'GET', path: '/projects/p404/summary' },
    expect: { status: 404 },
  },
])
