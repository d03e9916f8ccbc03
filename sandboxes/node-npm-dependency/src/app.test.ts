import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'

const post = (app: ReturnType<typeof createApp>, body: string) =>
  app.request('http://localhost:3000/links', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })

describe('node-npm-dependency', () => {
  it('shortens a link with a nanoid id and redirects to it, counting visits', async () => {
    const app = createApp()
    const res = await post(app, '{"url":"https://hono.dev/docs/"}')
    expect(res.status).toBe(201)
    const link = (await res.json()) as { id: string; short: string; url: string }
    expect(link.id).toMatch(/^[2-9a-km-z]{7}$/)
    expect(link.short).toBe(`http://localhost:3000/${link.id}`)
    expect(res.headers.get('location')).toBe(link.short)

    const visit = await app.request(`/${link.id}`)
    expect(visit.status).toBe(302)
    expect(visit.headers.get('location')).toBe('https://hono.dev/docs/')
    expect((await app.request('/docs')).headers.get('location')).toBe('https://hono.dev/docs/')
  })

  it('gives every link its own id', async () => {
    const app = createApp()
    const ids = new Set<string>()
    for (let i = 0; i < 50; i++)
      ids.add(((await (await post(app, `{"url":"https://example.com/${i}"}`)).json()) as { id: string }).id)
    expect(ids.size).toBe(50)
  })

  it('refuses addresses that are not http(s) and unknown ids', async () => {
    const app = createApp()
    for (const body of ['{}', '{"url":"not a url"}', '{"url":"javascript:alert(1)"}', 'nope']) {
      expect((await post(app, body)).status, body).toBe(400)
    }
    expect((await app.request('/zzzzzzz')).status).toBe(404)
  })
})
