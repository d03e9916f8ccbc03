import { describe, expect, it } from 'vitest'
import app from './app.ts'

type Page = { items: { id: string }[]; nextCursor: string | null }

describe('tasks-api-contracts', () => {
  it('walks every task with cursors, each exactly once', async () => {
    const seen: string[] = []
    let url: string | undefined = '/v2/tasks?limit=5'
    while (url) {
      const page = (await (await app.request(url)).json()) as Page
      seen.push(...page.items.map((t) => t.id))
      url = page.nextCursor ? `/v2/tasks?limit=5&cursor=${page.nextCursor}` : undefined
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `t${i + 1}`))
  })

  it('refuses a bad limit and an unknown cursor', async () => {
    expect((await app.request('/v2/tasks?limit=500')).status).toBe(400)
    expect((await app.request('/v2/tasks?cursor=bm9wZQ')).status).toBe(400)
  })

  it('marks v1 deprecated and points at v2', async () => {
    const res = await app.request('/v1/tasks?offset=10')
    expect((await res.json()) as unknown[]).toHaveLength(2)
    expect(res.headers.get('deprecation')).toMatch(/^@\d+$/)
    expect(res.headers.get('link')).toContain('successor-version')
  })

  it('documents the schemas it validates with', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      components: { schemas: { Task: { required: string[] } } }
    }
    expect(doc.components.schemas.Task.required).toEqual(['id', 'title', 'done', 'createdAt'])
  })
})
