// Tests of the starter: the joins and a small transfer (checks.ts proves the finished transfer).
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

describe('tasks-budget (starter)', () => {
  it('lists projects with their owners and open task counts', async () => {
    expect(await (await app.request('/projects')).json()).toEqual([
      { id: 'p1', name: 'Launch', owner: 'Ada Lovelace', budgetHours: 40, openTasks: 1 },
      { id: 'p2', name: 'Docs', owner: 'Grace Hopper', budgetHours: 10, openTasks: 2 },
    ])
  })

  it('moves hours and keeps the total', async () => {
    const res = await app.request('/transfers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"from":"p1","to":"p2","hours":5}',
    })
    expect(res.status).toBe(200)
    expect(await (await app.request('/projects/total')).json()).toEqual({ totalHours: 50 })
  })
})
