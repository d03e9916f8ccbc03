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
    expect((await app.request('/v2/tasks?cursor=bm9wZQ')).status).toBe(400) // base64url of "nope"
    expect((await app.request('/v2/tasks?cursor=%25%25')).status).toBe(400)
  })

  it('marks v1 deprecated and points at v2', async () => {
    const res = await app.request('/v1/tasks?offset=10')
    expect((await res.json()) as unknown[]).toHaveLength(2)
    expect(res.headers.get('deprecation')).toMatch(/^@\d+$/)
    expect(res.headers.get('link')).toContain('successor-version')
  })

  it('pages in creation order, not in the text order of the ids', async () => {
    const page = (await (await app.request('/v2/tasks?limit=12')).json()) as Page
    expect(page.items.map((t) => t.id).slice(8)).toEqual(['t9', 't10', 't11', 't12'])
    expect(page.nextCursor).toBeNull()
  })

  it('documents the schemas it validates with', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      components: { schemas: { Task: { required: string[] } } }
    }
    expect(doc.components.schemas.Task.required).toEqual(['id', 'title', 'done', 'createdAt'])
  })

  // Last, because it deletes from the app's one list of tasks.
  it('keeps paging after the task its cursor points at is deleted', async () => {
    const first = (await (await app.request('/v2/tasks?limit=5')).json()) as Page
    expect(first.items.at(-1)?.id).toBe('t5')
    expect((await app.request('/v2/tasks/t5', { method: 'DELETE' })).status).toBe(204)
    expect((await app.request('/v2/tasks/t5', { method: 'DELETE' })).status).toBe(404)
    const res = await app.request(`/v2/tasks?limit=5&cursor=${first.nextCursor}`)
    expect(res.status).toBe(200)
    const second = (await res.json()) as Page
    expect(second.items.map((t) => t.id)).toEqual(['t6', 't7', 't8', 't9', 't10'])
  })
})
