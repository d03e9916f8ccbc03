import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

describe('tasks-jsonb', () => {
  it('finds documents by containment and reads inside them', async () => {
    const urgent = (await (await app.request('/tasks?label=urgent')).json()) as { id: string }[]
    expect(urgent.map((t) => t.id)).toEqual(['t2', 't4'])
    expect(await (await app.request('/tasks/t2/checklist')).json()).toEqual([
      { item: 'Call three venues', done: true },
      { item: 'Sign the contract', done: false },
    ])
  })

  it('merges a patch into the document', async () => {
    const res = await app.request('/tasks/t4/details', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"estimateHours": 3}',
    })
    expect(await res.json()).toEqual({
      id: 't4',
      details: { labels: ['writing', 'urgent'], estimateHours: 3 },
    })
    expect((await app.request('/tasks/t4/details', { method: 'PATCH', body: '[1]' })).status).toBe(400)
  })
})
