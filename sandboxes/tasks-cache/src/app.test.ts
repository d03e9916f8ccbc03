import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { TtlCache } from './cache.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

describe('tasks-cache', () => {
  it('misses, then hits, and a write invalidates the summary', async () => {
    const first = await app.request('/projects/p2/summary')
    expect(first.headers.get('x-cache')).toBe('MISS')
    expect(await first.json()).toEqual({ project: 'Docs', open: 2, done: 0 })
    expect((await app.request('/projects/p2/summary')).headers.get('x-cache')).toBe('HIT')
    await app.request('/tasks/t3', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"done":true}',
    })
    const after = await app.request('/projects/p2/summary')
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(await after.json()).toEqual({ project: 'Docs', open: 1, done: 1 })
  })

  it('expires entries after the TTL', () => {
    const cache = new TtlCache<number>(1000)
    cache.set('a', 1, 0)
    expect(cache.get('a', 999)).toEqual({ value: 1, ageSeconds: 0 })
    expect(cache.get('a', 1000)).toBeUndefined()
  })
})
