import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const app = new Hono()

app.get('/hello', (c) => c.text('Hello, World!'))

// The page (public/index.html) and its script (public/app.js).
app.use('/*', serveStatic({ root: './public' }))

export default app
