import { afterAll, describe, expect, it } from 'vitest'
import { routeServices } from '../../../src/sandbox/services-node.ts'
import balancer from './balancer.ts'
import { createInstance } from './instance.ts'
import instanceA from './instance-a.ts'
import instanceB from './instance-b.ts'
import { httpStore } from './session-store.ts'
import sessions from './sessions.ts'

// The same routing the course's runtime does: fetch('http://instance-a/…') reaches that app.
const routing = routeServices({ balancer, 'instance-a': instanceA, 'instance-b': instanceB, sessions })
afterAll(() => routing.restore())

const login = (target: { request: typeof balancer.request }) =>
  target.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"email":"ada@example.com"}',
  })

describe('lb-round-robin', () => {
  it('alternates instances, and a session in one instance’s memory works only on that instance', async () => {
    const { token } = (await (await login(balancer)).json()) as { token: string }
    const auth = { headers: { Authorization: `Bearer ${token}` } }
    const answers = [await balancer.request('/me', auth), await balancer.request('/me', auth)]
    expect(answers.map((r) => r.headers.get('x-served-by')).sort()).toEqual(['a', 'b'])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401])
  })

  it('with the sessions service as the one store, every instance knows the session', async () => {
    const [a, b] = [
      createInstance('a', httpStore('http://sessions')),
      createInstance('b', httpStore('http://sessions')),
    ]
    const { token } = (await (await login(a)).json()) as { token: string }
    const res = await b.request('/me', { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ userId: 'u1', servedBy: 'b' })
  })

  it('answers 502 for an instance that is down, and the next request reaches the other', async () => {
    routing.stop('instance-b')
    const statuses = [(await balancer.request('/me')).status, (await balancer.request('/me')).status]
    routing.start('instance-b')
    expect(statuses.sort()).toEqual([401, 502])
  })
})
