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

  it('pages exactly through tasks created within one millisecond (a Date would round them off)', async () => {
    // Postgres keeps microseconds; three tasks inside 10:00:00.000 and one just after.
    await db.exec(`INSERT INTO projects (id, name, owner_id) VALUES ('p9', 'Micro', 'u1');
      INSERT INTO tasks (id, project_id, title, created_at) VALUES
        ('m1', 'p9', 'a', '2026-03-01 10:00:00.000100+00'),
        ('m2', 'p9', 'b', '2026-03-01 10:00:00.000200+00'),
        ('m3', 'p9', 'c', '2026-03-01 10:00:00.000300+00'),
        ('m4', 'p9', 'd', '2026-03-01 10:00:00.001+00')`)
    const seen: string[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 10; pages++) {
      const page: Page = await (
        await app.request(`/projects/p9/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((t) => t.id))
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4'])
    const first: Page = await (await app.request('/projects/p9/tasks?limit=1')).json()
    const decoded = atob(first.nextCursor!.replace(/-/g, '+').replace(/_/g, '/'))
    expect(decoded).toBe('2026-03-01 10:00:00.0001+00|m1')
  })

  it('refuses a cursor whose time is not Postgres text', async () => {
    const iso = btoa('2026-01-10T00:00:00.000Z|t0')
    expect((await app.request(`/projects/p1/tasks?cursor=${iso}`)).status).toBe(400)
  })

  it('shows the plan: a sequential scan without an index, an index scan with one', async () => {
    expect(await (await app.request('/plan')).text()).toMatch(/Seq Scan on tasks/)
    await db.exec('CREATE INDEX tasks_project_created ON tasks (project_id, created_at, id)')
    expect(await (await app.request('/plan')).text()).toMatch(/Index Scan using tasks_project_created/)
  })
})
