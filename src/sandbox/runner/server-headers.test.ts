import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { afterEach, expect, test } from 'vitest'
import { installServerHeaders } from './server-headers.ts'

// Node keeps every header; these stand-ins drop the forbidden ones exactly where a browser does
// (when a Request or Response is constructed), so the patch is tested against that behaviour.
const NodeRequest = globalThis.Request
const NodeResponse = globalThis.Response
class BrowserRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    const headers = new Headers(init?.headers ?? (input instanceof NodeRequest ? input.headers : undefined))
    headers.delete('cookie')
    super(input, { ...init, headers })
  }
}
class BrowserResponse extends NodeResponse {
  constructor(body?: BodyInit | null, init?: ResponseInit) {
    const headers = new Headers(init?.headers)
    headers.delete('set-cookie')
    super(body, { ...init, headers })
  }
}

afterEach(() => {
  globalThis.Request = NodeRequest
  globalThis.Response = NodeResponse
})

function app() {
  const app = new Hono()
  app.post('/login', (c) => {
    setCookie(c, 'session', 's1', { httpOnly: true, path: '/' })
    setCookie(c, 'theme', 'dark', { path: '/' })
    return c.json({ ok: true })
  })
  app.get('/me', (c) => c.json({ session: getCookie(c, 'session') ?? null }))
  return app
}

test('in a browser-like scope, hono/cookie loses both headers; with the patch it works as under Node', async () => {
  globalThis.Request = BrowserRequest as typeof Request
  globalThis.Response = BrowserResponse as typeof Response
  const before = app()
  expect(
    (await before.fetch(new Request('http://x/login', { method: 'POST' }))).headers.getSetCookie(),
  ).toEqual([])
  expect(
    await (await before.fetch(new Request('http://x/me', { headers: { cookie: 'session=s1' } }))).json(),
  ).toEqual({
    session: null,
  })

  installServerHeaders(globalThis)
  const after = app()
  const login = await after.fetch(new Request('http://x/login', { method: 'POST' }))
  expect(login.headers.getSetCookie()).toEqual(['session=s1; Path=/; HttpOnly', 'theme=dark; Path=/'])
  expect([...login.headers].filter(([k]) => k === 'set-cookie')).toHaveLength(2)
  expect(await login.clone().json()).toEqual({ ok: true })
  const me = await after.fetch(new Request('http://x/me', { headers: { cookie: 'session=s1' } }))
  expect(await me.json()).toEqual({ session: 's1' })
  expect(new Request('http://x/', { headers: { cookie: 'a=1' } }).clone().headers.get('cookie')).toBe('a=1')
  expect(Response.json({ a: 1 }, { headers: { 'set-cookie': 'j=1' } }).headers.get('set-cookie')).toBe('j=1')
  // Native objects still pass instanceof checks (e.g. a fetch() response returned by the app).
  expect(new BrowserResponse('x') instanceof Response).toBe(true)
  expect(new BrowserRequest('http://x/') instanceof Request).toBe(true)
})

test('does nothing where Response already keeps Set-Cookie (Node)', () => {
  const scope = { Request: NodeRequest, Response: NodeResponse }
  installServerHeaders(scope)
  expect(scope.Response).toBe(NodeResponse)
})
