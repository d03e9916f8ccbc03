import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { originGate, originMatcher } from './origin-gate.ts'
import { ProxyError } from './proxy-error.ts'

describe('originMatcher', () => {
  const allowed = originMatcher(['http://127.0.0.1:4322', 'https://*.webcontainer-api.io'])

  it.each([
    ['http://127.0.0.1:4322', true],
    ['HTTP://127.0.0.1:4322', true],
    ['http://127.0.0.1:4323', false],
    ['https://127.0.0.1:4322', false],
    ['https://abc--3000.local-credentialless.webcontainer-api.io', true],
    ['https://webcontainer-api.io', false],
    ['https://evil.webcontainer-api.io.example', false],
    ['http://abc.webcontainer-api.io', false],
    ['null', false],
  ])('%s → %s', (origin, expected) => {
    expect(allowed(origin)).toBe(expected)
  })

  it('allows everything with *, and the opaque origin only when listed', () => {
    expect(originMatcher(['*'])('https://anything.example')).toBe(true)
    expect(originMatcher(['null'])('null')).toBe(true)
  })
})

describe('originGate', () => {
  const app = new Hono()
  app.use(
    originGate({
      allowed: originMatcher(['http://127.0.0.1:4322']),
      setting: 'AI_ALLOWED_ORIGINS',
      exposeHeaders: ['Retry-After'],
    }),
  )
  app.post('/', (c) => c.text('ok'))
  app.post('/refused', () => {
    throw new ProxyError(429, 'Slow down.', { code: 'rate_limit_exceeded' })
  })
  app.onError((err, c) => (err instanceof ProxyError ? c.json(err.body, err.status) : c.text('?', 500)))

  it('passes requests without Origin and same-origin requests', async () => {
    expect((await app.request('http://course.example/', { method: 'POST' })).status).toBe(200)
    const same = await app.request('http://course.example/', {
      method: 'POST',
      headers: { origin: 'http://course.example', host: 'course.example' },
    })
    expect(same.status).toBe(200)
  })

  it('adds CORS headers for allowed origins and refuses others with a 403 naming the setting', async () => {
    const ok = await app.request('/', { method: 'POST', headers: { origin: 'http://127.0.0.1:4322' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4322')
    expect(ok.headers.get('access-control-expose-headers')).toBe('Retry-After')
    const refused = await app.request('/', { method: 'POST', headers: { origin: 'https://evil.example' } })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'AI_ALLOWED_ORIGINS',
    )
  })

  it("keeps its headers on the handler's errors, so the page's code can read a 429", async () => {
    const res = await app.request('/refused', {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:4322' },
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4322')
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After')
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('answers a preflight with the methods, the asked-for headers and a cache time', async () => {
    const res = await app.request('/', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4322',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4322')
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS')
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type')
    expect(res.headers.get('access-control-max-age')).toBe('600')
    expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers')
    expect(await res.text()).toBe('')
  })

  it('says answers vary by Origin even without one (a cache must not serve it to a page)', async () => {
    const res = await app.request('/', { method: 'POST' })
    expect(res.headers.get('vary')).toBe('Origin')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('originGate with the sandbox port', () => {
  const app = new Hono()
  app.use(originGate({ allowed: originMatcher([]), setting: 'AI_ALLOWED_ORIGINS', siblingPort: 4322 }))
  app.post('/', (c) => c.text('ok'))
  app.onError((err, c) => (err instanceof ProxyError ? c.json(err.body, err.status) : c.text('?', 500)))
  const from = (host: string, origin: string) =>
    app.request('/', { method: 'POST', headers: { host, origin } })

  it("allows the request's own host name on the sandbox port, loopback names as one", async () => {
    expect((await from('course.lan:4321', 'http://course.lan:4322')).status).toBe(200)
    expect((await from('127.0.0.1:4321', 'http://localhost:4322')).status).toBe(200)
    expect((await from('localhost:4321', 'http://127.0.0.1:4322')).status).toBe(200)
  })

  it('refuses other hosts and other ports', async () => {
    expect((await from('course.lan:4321', 'http://evil.lan:4322')).status).toBe(403)
    expect((await from('course.lan:4321', 'http://course.lan:4323')).status).toBe(403)
    expect((await from('127.0.0.1:4321', 'http://course.lan:4322')).status).toBe(403)
  })
})
