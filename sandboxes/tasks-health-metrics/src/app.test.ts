// Tests of the starter; checks.ts proves the finished exercise.
import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-health-metrics (starter)', () => {
  it('answers liveness and a task, with a request id', async () => {
    expect((await app.request('/healthz')).status).toBe(200)
    const res = await app.request('/tasks/t1')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('keeps a request id a proxy already set', async () => {
    const res = await app.request('/tasks/t1', { headers: { 'X-Request-Id': 'from-nginx-1' } })
    expect(res.headers.get('x-request-id')).toBe('from-nginx-1')
  })

  it('exposes the duration histogram in the Prometheus text format', async () => {
    const res = await app.request('/metrics')
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    expect(await res.text()).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m)
  })
})
