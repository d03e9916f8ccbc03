// The orders service: takes an order and asks the payments service to charge it. The two run
// apart (each in its own worker here, its own container in production) and talk over HTTP.
import { Hono } from 'hono'

// A service name is a host name, as in docker compose.
const PAYMENTS_URL = 'http://payments'
// Never wait forever for another service: past this, give up and fall back.
const PAYMENT_TIMEOUT_MS = 1000

interface Order {
  id: string
  taskId: string
  amount: number
  status: 'paid' | 'payment_pending'
  chargeId?: string
}

const app = new Hono()
const orders: Order[] = []

app.post('/orders', async (c) => {
  const body = await c.req.json().catch(() => null)
  const amount = body?.amount
  if (typeof body?.taskId !== 'string' || !Number.isInteger(amount) || amount <= 0) {
    return c.json({ error: 'taskId (a string) and amount (whole cents above 0) are required' }, 400)
  }
  const order: Order = { id: `o${orders.length + 1}`, taskId: body.taskId, amount, status: 'payment_pending' }
  orders.push(order)
  try {
    const res = await fetch(`${PAYMENTS_URL}/charge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount }),
      signal: AbortSignal.timeout(PAYMENT_TIMEOUT_MS),
    })
    if (!res.ok) throw new Error(`payments answered ${res.status}`)
    const charge = (await res.json()) as { id: string }
    order.status = 'paid'
    order.chargeId = charge.id
    return c.json(order, 201)
  } catch (err) {
    // The fallback: keep the order and charge it later (lesson 6.4 puts such work on a queue). 202 says
    // "accepted, not finished", which is the truth.
    const why =
      err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : String((err as Error).cause ?? err)
    console.warn(`payments unavailable (${why}): order ${order.id} accepted, payment pending`)
    return c.json(order, 202)
  }
})

app.get('/orders', (c) => c.json(orders))

export default app
