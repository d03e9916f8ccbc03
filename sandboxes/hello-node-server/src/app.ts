import { Hono } from 'hono'
import { logger } from 'hono/logger'

const app = new Hono()

// One line per request and response, like the access log of any web server.
app.use(logger())

app.get('/hello', (c) => c.text(`Hello, ${c.req.query('name') ?? 'World'}!`))

// Which program is answering? Node (in a WebContainer or on your machine) has `process`;
// the browser runtime runs this same file in a Web Worker, which does not.
app.get('/where', (c) => {
  const node = (globalThis as { process?: { version?: string } }).process?.version
  return c.json({ runtime: node ? `Node ${node}` : 'a Web Worker in your browser' })
})

export default app
