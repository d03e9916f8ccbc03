import { Hono } from 'hono'
import { LinkStore } from './links.ts'

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

const DOCS = { id: 'docs', url: 'https://hono.dev/docs/', visits: 0, createdAt: '2026-11-01T00:00:00.000Z' }

export function createApp(store = new LinkStore([DOCS])) {
  const app = new Hono()

  app.get('/links', (c) => c.json(store.all()))

  app.post('/links', async (c) => {
    const body = await c.req.json<{ url?: unknown }>().catch(() => null)
    const url = typeof body?.url === 'string' ? parseUrl(body.url) : null
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return c.json({ error: 'Send JSON like {"url": "https://example.com"} with an http(s) address' }, 400)
    }
    const link = store.add(url.href)
    const short = new URL(`/${link.id}`, c.req.url).href
    return c.json({ ...link, short }, 201, { Location: short })
  })

  // Exercise: add GET /:id/stats, answering the link as JSON (with its visit count) or
  // 404 {"error":"No such link"}. Looking at the stats must not count as a visit.

  app.get('/:id', (c) => {
    const link = store.visit(c.req.param('id'))
    return link ? c.redirect(link.url, 302) : c.json({ error: 'No such link' }, 404)
  })

  return app
}

const app = createApp()
export default app
