/** The proxy's own upstream fetch (node:http keep-alive) against a real HTTP server. */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpstreamFetch } from './upstream-fetch.ts'

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/json') {
      res.setHeader('content-type', 'application/json')
      res.setHeader('retry-after', '7')
      res.setHeader('x-repeated', ['a', 'b'])
      return res.end(JSON.stringify({ ok: true, method: req.method, auth: req.headers.authorization }))
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    // The whole answer at once: its end is already on its way when the reader gives up.
    if (req.url === '/burst') return res.end('data: 1\n\n'.repeat(50) + 'data: [DONE]\n\n')
    // An event, then (after the reader has given up) the rest and the end.
    res.write('data: 1\n\n')
    setTimeout(() => res.end('data: 2\n\ndata: [DONE]\n\n'), 100)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('createUpstreamFetch', () => {
  const send = createUpstreamFetch()

  it('sends method, headers and body, and answers with a readable Response', async () => {
    const res = await send(`${base}/json`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: '{}',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(res.headers.get('x-repeated')).toBe('a, b')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({ ok: true, method: 'POST', auth: 'Bearer k' })
    await expect(res.text()).rejects.toThrow(/already been read/)
  })

  it('lets a reader cancel an event stream before the upstream ends it, without a crash', async () => {
    const res = await send(`${base}/events`, { method: 'POST', body: '{}' })
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n')
    await reader.cancel()
    // The upstream's late end reaches a cancelled stream: it must be ignored, not thrown.
    await new Promise((resolve) => setTimeout(resolve, 200))
  })

  it('ignores an end that was already on its way when the reader cancelled', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await send(`${base}/burst`, { method: 'POST', body: '{}' })
      const reader = res.body!.getReader()
      await reader.read()
      await reader.cancel()
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  })

  it('rejects with an AbortError when the signal aborts', async () => {
    const controller = new AbortController()
    const pending = send(`${base}/events`, { method: 'POST', body: '{}', signal: controller.signal })
    const res = await pending
    const reader = res.body!.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
  })
})
