/**
 * Child process of bench/ai-proxy: the least a relay on this stack can cost — a Hono app on
 * @hono/node-server that parses the body, POSTs it to the upstream over a keep-alive
 * node:http socket, parses the answer and sends it back. No checks at all (no origin, limits,
 * validation, budget, timeout, log or metrics), so it is a reference line, not a proxy: the
 * course proxy's figures are read against it and against the upstream alone.
 */
import { Agent, request } from 'node:http'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const [port, upstreamURL, key] = process.argv.slice(2)
const upstream = new URL(`${upstreamURL}/chat/completions`)
const agent = new Agent({ keepAlive: true, maxSockets: 1024 })

function post(body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      upstream,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.once('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
        res.once('error', reject)
      },
    )
    req.once('error', reject)
    req.end(body)
  })
}

const app = new Hono().post('/api/openai/v1/chat/completions', async (c) =>
  c.json((await post(JSON.stringify(await c.req.json()))) as object),
)
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () =>
  process.send?.({ ready: Number(port) }),
)
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
})
// The parent is gone (crashed or killed): do not linger on the port.
process.on('disconnect', () => process.exit(0))
