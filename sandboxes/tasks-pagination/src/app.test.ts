import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

type Page = { items: { id: string }[]; nextCursor: string | null }

describe('tasks-pagination', () => {
  it('walks a project with cursors, each task once, in order', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Page = await (
        await app.request(`/projects/p1/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((t) => t.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.length).toBe(2000)
    expect(new Set(seen).size).toBe(2000)
    expect(seen.slice(0, 2)).toEqual(['t10', 't20'])
    expect((await app.request('/projects/p1/tasks?cursor=%%%')).status).toBe(400)
  })

  it('shows the plan: a sequential scan without an index, an index scan with one', async () => {
    expect(await (await app.request('/plan')).text()).toMatch(/Seq Scan on tasks/)
    await db.exec('CREATE INDEX tasks_project_created ON tasks (project_id, created_at, id)')
    expect(await (await app.request('/plan')).text()).toMatch(/Index Scan using tasks_project_created/)
  })
})
