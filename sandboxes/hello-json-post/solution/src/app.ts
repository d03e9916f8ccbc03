import { Hono } from 'hono'

const app = new Hono()

// Greets whoever is named in the JSON body: {"name":"Alice"} → {"message":"Hello, Alice!"}.
// The body comes from the client, so it is `unknown` until checked.
app.post('/hello', async (c) => {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return c.json({ error: 'Invalid JSON body' }, 400)
  }

  const name = typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined

  if (typeof name !== 'string' || name.trim() === '') {
    return c.json({ error: 'Missing name parameter' }, 400)
  }

  return c.json({ message: `Hello, ${name.trim()}!` })
})

export default app
