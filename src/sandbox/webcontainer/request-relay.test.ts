/**
 * The relay script is plain Node code that runs inside the WebContainer; here it runs under
 * real Node against a real @hono/node-server, so what ships is what is tested.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { COOKIE_MIRROR, setCookiesOf } from '../cookie-transport.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bytesToBase64,
  encodeRelayRequest,
  RELAY_SCRIPT,
  RelayReplyParser,
  replyToResponse,
  requestToRelay,
  type RelayReply,
} from './request-relay.ts'

function startServer(app: Hono): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, origin: `http://127.0.0.1:${info.port}` }),
    )
  })
}

const app = new Hono()
app.get('/hello', (c) => c.text(`Hello, ${c.req.query('name') ?? 'World'}!`))
app.post('/hello', async (c) => {
  const body = await c.req.json<{ name?: string }>().catch(() => ({}) as { name?: string })
  if (!body.name) return c.json({ error: 'Missing name parameter' }, 400)
  c.header('X-Greeting', 'yes')
  return c.json({ message: `Hello, ${body.name}!` })
})
app.get('/gone', (c) => c.redirect('/hello', 301))
app.delete('/item', (c) => c.body(null, 204))
app.get('/bytes', (c) => c.body(new Uint8Array([0, 255, 10, 13, 64])))
app.post('/login', (c) => {
  setCookie(c, 'session', 's1', { httpOnly: true, path: '/' })
  setCookie(c, 'theme', 'dark')
  return c.body(null, 204)
})
app.get('/me', (c) => c.json({ session: getCookie(c, 'session') ?? null }))

let relay: ChildProcessWithoutNullStreams
let origin: string
let server: ServerType
const parser = new RelayReplyParser()
const waiting = new Map<number, (reply: RelayReply) => void>()
let nextId = 1

function send(request: Request, to = origin): Promise<Response> {
  return new Promise((resolve, reject) => {
    const id = nextId++
    waiting.set(id, (reply) => (reply.ok ? resolve(replyToResponse(reply)) : reject(new Error(reply.error))))
    void requestToRelay(id, request, to).then((r) => relay.stdin.write(encodeRelayRequest(r)))
  })
}

beforeAll(async () => {
  ;({ server, origin } = await startServer(app))
  const dir = mkdtempSync(join(tmpdir(), 'relay-'))
  writeFileSync(join(dir, 'relay.mjs'), RELAY_SCRIPT)
  relay = spawn(process.execPath, [join(dir, 'relay.mjs')], {
    env: { ...process.env, RELAY_CONNECT_GRACE_MS: '1000' },
  })
  relay.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const reply of parser.push(chunk)) waiting.get(reply.id)?.(reply)
  })
})

afterAll(() => {
  relay?.kill()
  server?.close()
})

describe('the request relay script under real Node', () => {
  it('passes method, path, query, headers and JSON bodies, and returns status, headers and body untouched', async () => {
    const get = await send(new Request('http://course.local/hello?name=Ada'))
    expect([get.status, await get.text()]).toEqual([200, 'Hello, Ada!'])

    const post = await send(
      new Request('http://course.local/hello', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"Alice"}',
      }),
    )
    expect(post.status).toBe(200)
    expect(post.headers.get('x-greeting')).toBe('yes')
    expect(post.headers.get('content-type')).toMatch(/application\/json/)
    expect(await post.json()).toEqual({ message: 'Hello, Alice!' })

    const bad = await send(new Request('http://course.local/hello', { method: 'POST', body: '{' }))
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'Missing name parameter' }])
  })

  it('does not follow redirects, keeps empty 204 bodies and binary bodies intact', async () => {
    const moved = await send(new Request('http://course.local/gone'))
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toBe('/hello')
    const deleted = await send(new Request('http://course.local/item', { method: 'DELETE' }))
    expect([deleted.status, deleted.body]).toEqual([204, null])
    const bytes = await send(new Request('http://course.local/bytes'))
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 255, 10, 13, 64])
  })

  it("carries cookies both ways: the page's mirrored Cookie reaches the app, every Set-Cookie comes back", async () => {
    const login = await send(new Request('http://course.local/login', { method: 'POST' }))
    // Folded into the mirror header, as the page (a browser) could not read Set-Cookie itself.
    expect(setCookiesOf(login.headers)).toEqual(['session=s1; Path=/; HttpOnly', 'theme=dark; Path=/'])
    const me = await send(
      new Request('http://course.local/me', { headers: { [COOKIE_MIRROR]: 'session=s1' } }),
    )
    expect(await me.json()).toEqual({ session: 's1' })
  })

  it('waits for a server that is (re)starting, then answers', async () => {
    const { server: late, origin: lateOrigin } = await startServer(new Hono().get('/', (c) => c.text('late')))
    late.close() // the port is now closed: the next request is refused until it listens again
    await new Promise((r) => late.once('close', r))
    const url = new URL(lateOrigin)
    const pending = send(new Request('http://course.local/'), lateOrigin)
    const again = serve({
      fetch: new Hono().get('/', (c) => c.text('back')).fetch,
      port: Number(url.port),
      hostname: '127.0.0.1',
    })
    try {
      expect(await (await pending).text()).toBe('back')
    } finally {
      again.close()
    }
  })

  it('reports a server that never comes back as an error that says what to check', async () => {
    const { server: gone, origin: goneOrigin } = await startServer(new Hono())
    gone.close()
    await new Promise((r) => gone.once('close', r))
    const error = await send(new Request('http://course.local/'), goneOrigin).catch((e: Error) => e)
    expect(String(error)).toMatch(/not accepting connections/)
  })
})

describe('RelayReplyParser', () => {
  const encode = (reply: RelayReply) =>
    `@@relay:${bytesToBase64(new TextEncoder().encode(JSON.stringify(reply)))}@@`

  it('finds replies split across chunks, among terminal noise and echoed input', () => {
    const parser = new RelayReplyParser()
    const one = encode({ id: 1, ok: true, status: 200, statusText: 'OK', headers: [], body: '' })
    const two = encode({ id: 2, ok: false, kind: 'timeout', error: 'nope' })
    const stream = `\x1b[2Jeyhello==\r\n${one}\r\nnoise @@ more ${two.slice(0, 10)}\r\n${two.slice(10)}`
    const found: RelayReply[] = []
    for (let i = 0; i < stream.length; i += 7) found.push(...parser.push(stream.slice(i, i + 7)))
    expect(found.map((r) => r.id)).toEqual([1, 2])
  })

  it('drops headers that describe an encoding Node already undid', () => {
    const res = replyToResponse({
      id: 1,
      ok: true,
      status: 200,
      statusText: 'OK',
      headers: [
        ['content-encoding', 'gzip'],
        ['content-length', '99'],
        ['x-a', '1'],
      ],
      body: bytesToBase64(new TextEncoder().encode('hi')),
    })
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('x-a')).toBe('1')
  })
})
