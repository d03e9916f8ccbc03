import { afterAll, describe, expect, it } from 'vitest'
import { routeServices } from '../../../src/sandbox/services-node.ts'
import orders from './orders.ts'
import payments from './payments.ts'

// The same routing the course's runtime does: fetch('http://payments/…') reaches the payments app.
const routing = routeServices({ orders, payments })
afterAll(() => routing.restore())

function order(amount: number) {
  return orders.request('/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ taskId: 't2', amount }),
  })
}

describe('orders-payments', () => {
  it('charges through the payments service', async () => {
    const res = await order(1500)
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ status: 'paid', chargeId: 'ch1', amount: 1500 })
  })

  it('accepts the order with payment pending when payments is down', async () => {
    routing.stop('payments')
    const res = await order(900)
    routing.start('payments')
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ status: 'payment_pending', amount: 900 })
  })

  it('passes on bad input as 400 without calling payments', async () => {
    expect((await order(0)).status).toBe(400)
  })
})
