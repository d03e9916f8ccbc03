import { Hono } from 'hono'

const app = new Hono()

// Greets whoever is named in the JSON body: {"name":"Alice"} → {"message":"Hello, Alice!"}.
// Your task: answer 400 with {"error":"Missing name parameter"} when there is no usable name,
// and 400 (not a crash) when the body is not valid JSON. Then press Check.
app.post('/hello', async (c) => {
  const body = await c.req.json()
  return c.json({ message: `Hello, ${body.name}!` })
})

export default app
