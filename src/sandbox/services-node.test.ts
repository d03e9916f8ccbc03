import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { routeServices, type ServiceRouting } from './services-node.ts'

let routing: ServiceRouting | undefined
afterEach(() => routing?.restore())

function services() {
  const payments = new Hono()
    .post('/charge', async (c) => c.json({ charged: (await c.req.json()).amount }, 201))
    .get('/slow', async (c) => {
      await new Promise((r) => setTimeout(r, 500))
      return c.text('late')
    })
  const orders = new Hono().post('/orders', async (c) => {
    try {
      const res = await fetch('http://payments/charge', {
        method: 'POST',
        body: JSON.stringify({ amount: 5 }),
      })
      return c.json({ paid: (await res.json()).charged }, 201)
    } catch (err) {
      return c.json({ fallback: String((err as Error & { cause?: Error }).cause?.message) }, 202)
    }
  })
  return { orders, payments }
}

describe('routeServices: fetch between services under Node, as in the browser runtime', () => {
  it('sends http://<service>/… to that app', async () => {
    const apps = services()
    routing = routeServices(apps)
    const res = await apps.orders.request('/orders', { method: 'POST' })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ paid: 5 })
  })

  it('fails like the network when a service is stopped, and works again once started', async () => {
    const apps = services()
    routing = routeServices(apps)
    routing.stop('payments')
    const down = await apps.orders.request('/orders', { method: 'POST' })
    expect(down.status).toBe(202)
    expect(await down.json()).toEqual({ fallback: expect.stringMatching(/ECONNREFUSED payments:80/) })
    routing.start('payments')
    expect((await apps.orders.request('/orders', { method: 'POST' })).status).toBe(201)
  })

  it('lets a timeout cut a slow service short, and leaves other URLs alone', async () => {
    routing = routeServices(services())
    await expect(fetch('http://payments/slow', { signal: AbortSignal.timeout(50) })).rejects.toThrow(
      /timeout|aborted/i,
    )
    // Not a service: the real fetch (here: a URL nothing listens on).
    await expect(fetch('http://127.0.0.1:9/')).rejects.toThrow()
  })
})
