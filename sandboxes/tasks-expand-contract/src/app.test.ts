// Tests of the starter: reads on done, the report and the stored rows (checks.ts proves the
// dual writes and the backfill).
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

describe('tasks-expand-contract (starter)', () => {
  it('reads tasks from the old column, done', async () => {
    const tasks = (await (await app.request('/tasks')).json()) as { id: string; done: boolean }[]
    expect(tasks.map((t) => [t.id, t.done])).toEqual([
      ['t1', true],
      ['t2', false],
      ['t3', false],
      ['t4', true],
      ['t5', false],
    ])
  })

  it('reports the seeded rows that still need a status: three missing, one disagreeing', async () => {
    expect(await (await app.request('/admin/status-report')).json()).toEqual({ missing: 3, disagreeing: 1 })
  })

  it('shows a stored row with both columns', async () => {
    expect(await (await app.request('/debug/tasks/t5')).json()).toEqual({
      id: 't5',
      done: false,
      status: 'in_progress',
    })
    expect((await app.request('/debug/tasks/t99')).status).toBe(404)
  })
})
