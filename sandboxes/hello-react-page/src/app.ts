import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const app = new Hono()

app.get('/hello', (c) => c.text('Hello, World!'))

// The page (public/index.html) and its React code (public/main.jsx, public/App.jsx).
app.use('/*', serveStatic({ root: './public' }))

export default app
