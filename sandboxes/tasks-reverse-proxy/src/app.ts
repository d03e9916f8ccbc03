import { Hono } from 'hono'
import { tasksApp } from './tasks-app.ts'

// The reverse proxy: the only thing clients talk to. Here the "network hop" to the app is a
// function call (tasksApp.fetch), so one sandbox can hold both; with Nginx in front of a Node
// server it is an HTTP request to 127.0.0.1:3000, and the rules below are the same.
const UPSTREAM_DOWN = false // set to true: the app "crashed"
const UPSTREAM_TIMEOUT_MS = 1000

async function forward(request: Request): Promise<Response> {
  if (UPSTREAM_DOWN) throw new Error('connect ECONNREFUSED 127.0.0.1:3000')
  return tasksApp.fetch(request)
}

const proxy = new Hono()

proxy.get('/', (c) =>
  c.html(
    '<h1>Tasks</h1><p>Static pages come from the proxy; <a href="/api/tasks">/api/tasks</a> from the app.</p>',
  ),
)

proxy.all('/api/*', async (c) => {
  const url = new URL(c.req.url)
  const publicHost = url.host
  url.pathname = url.pathname.slice('/api'.length) // the app does not know about /api
  const headers = new Headers(c.req.raw.headers)
  // Overwrite, never append: a client could send its own X-Forwarded-* to lie about itself.
  headers.set('X-Forwarded-Proto', url.protocol.replace(':', ''))
  headers.set('X-Forwarded-Host', publicHost)
  // The client's address: a real proxy sets X-Forwarded-For from its socket. This one has no
  // socket to read, so it drops whatever the client claimed rather than pass the claim on.
  headers.delete('X-Forwarded-For')
  const requestId = crypto.randomUUID()
  headers.set('X-Request-Id', requestId)

  // The body is read whole first, as Nginx does by default (proxy_request_buffering): a slow
  // upload then holds the proxy, not the app.
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD'
  const body = hasBody ? await c.req.arrayBuffer() : undefined
  const upstream = forward(new Request(url, { method: c.req.method, headers, body }))
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), UPSTREAM_TIMEOUT_MS),
  )
  try {
    const response = await Promise.race([upstream, timeout])
    if (response === 'timeout') return c.json({ error: 'The app did not answer in time', requestId }, 504)
    const relayed = new Response(response.body, response)
    relayed.headers.set('X-Request-Id', requestId)
    relayed.headers.set('Via', '1.1 course-proxy')
    return relayed
  } catch (err) {
    console.error(JSON.stringify({ msg: 'upstream failed', requestId, error: (err as Error).message }))
    return c.json({ error: 'The app is unavailable', requestId }, 502)
  }
})

export default proxy
