import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'GET /docs still redirects to the docs (302 + Location)',
    hint: 'Keep GET /:id as it is: it is what makes a short link work.',
    request: { method: 'GET', path: '/docs' },
    expect: { status: 302, headers: { Location: 'https://hono.dev/docs/' } },
  },
  {
    name: 'GET /docs/stats answers the link as JSON',
    hint: 'A route for "/:id/stats" with c.req.param("id"); the store can find a link without counting a visit.',
    request: { method: 'GET', path: '/docs/stats' },
    expect: { status: 200, jsonIncludes: { id: 'docs', url: 'https://hono.dev/docs/' } },
  },
  {
    name: 'Reading the stats does not count as a visit',
    hint: 'In GET /:id/stats, find the link with store.get, not store.visit: only the redirect counts.',
    steps: [
      { id: 'first', request: { method: 'GET', path: '/docs/stats' }, expect: { status: 200 } },
      {
        request: { method: 'GET', path: '/docs/stats' },
        expect: { status: 200, jsonIncludes: { visits: '{{first.json.visits}}' } },
      },
    ],
  },
  {
    name: 'Stats of an unknown link answer 404 with a JSON error',
    hint: 'Same error as GET /:id gives for an unknown id.',
    request: { method: 'GET', path: '/nope/stats' },
    expect: { status: 404, json: { error: 'No such link' } },
  },
])
