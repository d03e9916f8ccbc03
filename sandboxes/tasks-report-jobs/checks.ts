import { defineChecks, type CheckRequest } from '../../src/sandbox/checks.ts'

const report = (key: string | undefined, projectId: string): CheckRequest => ({
  method: 'POST',
  path: '/reports',
  headers: key ? { 'Idempotency-Key': key } : {},
  body: { projectId },
})

export default defineChecks([
  {
    name: 'A POST without an Idempotency-Key gets 400',
    hint: 'Read it with c.req.header("Idempotency-Key") before doing anything else.',
    request: report(undefined, 'p1'),
    expect: { status: 400 },
  },
  {
    name: 'A report is accepted at once (202) with a job id and a Location to poll',
    hint: 'createJob(projectId) returns the job; answer c.json({ jobId: job.id, status: "queued" }, 202, { Location: `/reports/${job.id}` }).',
    steps: [
      {
        id: 'accepted',
        request: report('check-report-1', 'p1'),
        expect: {
          status: 202,
          headers: { Location: { matches: '^/reports/[^/]+$' } },
          jsonIncludes: { jobId: { $type: 'string' }, status: 'queued' },
        },
      },
      {
        request: { method: 'GET', path: '/reports/{{accepted.json.jobId}}' },
        expect: {
          status: 200,
          jsonIncludes: { id: '{{accepted.json.jobId}}', status: { $matches: '^(queued|running|done)$' } },
        },
      },
    ],
  },
  {
    name: 'The same key twice answers the same job, not a second one',
    hint: 'Keep a Map from key to what you answered; when the key comes back with the same body, answer that again.',
    steps: [
      { id: 'first', request: report('check-report-2', 'p2'), expect: { status: 202 } },
      {
        request: report('check-report-2', 'p2'),
        expect: { status: 202, jsonIncludes: { jobId: '{{first.json.jobId}}' } },
      },
    ],
  },
  {
    name: 'The same key with a different body gets 422',
    hint: 'Store the body with the answer, and compare it when the key comes back.',
    steps: [
      { request: report('check-report-3', 'p1'), expect: { status: 202 } },
      { request: report('check-report-3', 'p2'), expect: { status: 422 } },
    ],
  },
])
