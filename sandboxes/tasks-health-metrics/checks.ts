import { defineChecks } from '../../src/sandbox/checks.ts'

const drain = (draining: boolean) => ({
  method: 'PUT',
  path: '/admin/draining',
  body: { draining },
})

export default defineChecks([
  {
    name: 'Liveness answers 200',
    hint: 'GET /healthz is already there: if this fails, the app itself is broken.',
    request: { method: 'GET', path: '/healthz' },
    expect: { status: 200, json: { status: 'ok' } },
  },
  {
    name: 'Readiness answers 200 {"status":"ready"} when not draining',
    hint: 'Add app.get("/readyz", …) next to /healthz.',
    steps: [
      { request: drain(false), expect: { status: 200 } },
      { request: { method: 'GET', path: '/readyz' }, expect: { status: 200, json: { status: 'ready' } } },
    ],
  },
  {
    name: 'While draining, readiness answers 503 but liveness stays 200',
    hint: 'Read the `draining` variable in the /readyz handler: c.json({ status: "draining" }, 503). Liveness must not fail, or the orchestrator kills the instance before in-flight requests finish.',
    steps: [
      { request: drain(true), expect: { status: 200 } },
      { request: { method: 'GET', path: '/readyz' }, expect: { status: 503, json: { status: 'draining' } } },
      { request: { method: 'GET', path: '/healthz' }, expect: { status: 200 } },
      { request: drain(false), expect: { status: 200 } },
    ],
  },
  {
    name: 'Every response carries its request id',
    hint: 'requestId() is already installed; this check guards it.',
    request: { method: 'GET', path: '/tasks/t1' },
    expect: { status: 200, headers: { 'X-Request-Id': { present: true } } },
  },
  {
    name: 'GET /metrics counts requests by route pattern',
    hint: 'Create new Counter("http_requests_total", "…") next to the histogram, call requests.inc({ method, route, status: String(c.res.status) }) after next(), and add requests.render() to the /metrics body. The route label is the pattern /tasks/:id, never /tasks/t1.',
    steps: [
      { request: { method: 'GET', path: '/tasks/t2' }, expect: { status: 200 } },
      {
        request: { method: 'GET', path: '/metrics' },
        expect: {
          status: 200,
          headers: { 'Content-Type': { includes: 'text/plain' } },
          bodyMatches:
            '# TYPE http_requests_total counter\\n[\\s\\S]*http_requests_total\\{method="GET",route="/tasks/:id",status="200"\\} [1-9]',
        },
      },
    ],
  },
])
