/**
 * Child process of bench/ai-proxy: the course API (with the AI proxy) on a loopback port,
 * run with --expose-gc so the parent can read its memory after a full collection. Without
 * an upstream URL it runs the offline demo model. With `site` as its fifth argument it
 * serves the production app instead (server/site.ts: the API inside the site's metrics,
 * security headers, compression and caching rules, as `npm start` runs it), over a
 * two-page stand-in for dist/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApi } from '../../api/app.ts'
import { createSite } from '../../server/site.ts'

const [port, upstreamURL, key, redisURL, mode] = process.argv.slice(2)
const env = {
  ...(upstreamURL ? { OPENAI_API_KEY: key, OPENAI_BASE_URL: upstreamURL } : {}),
  AI_MODELS: 'gpt-4o-mini',
  // The bench measures the proxy's work, not its limits: one client sends everything.
  AI_RATE_LIMIT: '1000000000',
  AI_DAILY_TOKENS_PER_CLIENT: '1000000000000',
  AI_DAILY_TOKENS_GLOBAL: '1000000000000',
  AI_MAX_CONCURRENT_PER_CLIENT: '100000',
  ...(redisURL ? { REDIS_URL: redisURL } : {}),
}

function standInDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ai-proxy-dist-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Course</title>')
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>Not found</title>')
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const app =
  mode === 'site' ? createSite({ distDir: standInDist(), env }) : new Hono().route('/api', createApi({ env }))
const server = serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () =>
  process.send?.({ ready: Number(port) }),
)

const gc = (globalThis as { gc?: () => void }).gc
process.on('message', (message) => {
  if (message === 'cpu') return process.send?.({ cpu: process.cpuUsage() })
  // Without a collection first: read while streams run, so the figure is what they hold.
  if (message === 'memory-now') {
    const { rss, heapUsed, heapTotal } = process.memoryUsage()
    return process.send?.({ memory: { rss, heapUsed, heapTotal } })
  }
  if (message !== 'memory') return
  gc?.()
  gc?.()
  const { rss, heapUsed, heapTotal } = process.memoryUsage()
  process.send?.({ memory: { rss, heapUsed, heapTotal } })
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
})
// The parent is gone (crashed or killed): do not linger on the port.
process.on('disconnect', () => process.exit(0))
