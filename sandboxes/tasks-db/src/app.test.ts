import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

// A new in-memory database (PGDATA is unset under Vitest) with the schema and sample rows.
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

describe('tasks-db', () => {
  it('lists the seeded tasks in order', async () => {
    const res = await app.request('/tasks')
    expect(res.status).toBe(200)
    const tasks = (await res.json()) as { id: number; title: string; done: boolean }[]
    expect(tasks.map((t) => t.title)).toEqual([
      'Read what a database is for',
      'Write a SELECT with a WHERE clause',
      'Insert a row with POST /tasks',
    ])
    expect(tasks[0]).toMatchObject({ id: 1, done: true })
  })

  it('inserts with a parameter, so quotes in a title are just text', async () => {
    const title = "Robert'); DROP TABLE tasks;--"
    const res = await app.request('/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: number; title: string }
    expect(created.title).toBe(title)
    expect(await (await app.request(`/tasks/${created.id}`)).json()).toMatchObject({ title })
  })

  it('answers 400 for a missing title and 404 for an unknown id', async () => {
    const res = await app.request('/tasks', { method: 'POST', body: '{}' })
    expect(res.status).toBe(400)
    expect((await app.request('/tasks/999')).status).toBe(404)
    expect((await app.request('/tasks/abc')).status).toBe(400)
  })
})
