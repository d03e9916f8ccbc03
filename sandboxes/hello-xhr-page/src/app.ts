import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const app = new Hono()

app.get('/hello', (c) => c.text('Hello, World!'))

// Everything else comes from the public/ folder: "/" is public/index.html.
app.use('/*', serveStatic({ root: './public' }))

export default app
