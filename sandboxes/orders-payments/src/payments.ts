// The payments service: charges an amount. Stop it (or make it slow) and watch orders cope.
import { Hono } from 'hono'

const app = new Hono()
let charges = 0

app.post('/charge', async (c) => {
  const body = await c.req.json().catch(() => null)
  const amount = body?.amount
  if (!Number.isInteger(amount) || amount <= 0) {
    return c.json({ error: 'amount must be a positive whole number of cents' }, 400)
  }
  charges++
  console.log(`charged ${amount} cents (charge ${charges})`)
  return c.json({ id: `ch${charges}`, amount, status: 'succeeded' }, 201)
})

app.get('/health', (c) => c.json({ ok: true }))

export default app
