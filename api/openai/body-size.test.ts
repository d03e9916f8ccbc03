import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { bodySize } from './body-size.ts'

function appWithLimit(maxSize: number) {
  const app = new Hono()
  app.post('/', bodySize({ maxSize, onError: (c) => c.text('too large', 413) }), async (c) =>
    c.text(await c.req.text()),
  )
  return app
}

describe('bodySize', () => {
  it('refuses a body whose Content-Length is above the limit, without reading it', async () => {
    const res = await appWithLimit(10).request('/', {
      method: 'POST',
      body: 'x'.repeat(11),
      headers: { 'content-length': '11' },
    })
    expect(res.status).toBe(413)
  })

  it('passes a body within the limit', async () => {
    const res = await appWithLimit(10).request('/', {
      method: 'POST',
      body: 'x'.repeat(10),
      headers: { 'content-length': '10' },
    })
    expect(await res.text()).toBe('x'.repeat(10))
  })

  it('counts a streamed body without Content-Length as it arrives', async () => {
    const stream = (n: number) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('y'.repeat(n)))
          controller.close()
        },
      })
    const app = appWithLimit(10)
    const big = await app.request('/', { method: 'POST', body: stream(11), duplex: 'half' } as RequestInit)
    expect(big.status).toBe(413)
    const small = await app.request('/', { method: 'POST', body: stream(5), duplex: 'half' } as RequestInit)
    expect(await small.text()).toBe('yyyyy')
  })
})
