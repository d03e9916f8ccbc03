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

function post(body: unknown) {
  return app.request('/tasks', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('tasks-db', () => {
  it('lists the seeded tasks, oldest first, with camelCase fields', async () => {
    const res = await app.request('/tasks')
    expect(res.status).toBe(200)
    const tasks = (await res.json()) as Record<string, unknown>[]
    expect(tasks.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4'])
    expect(tasks[0]).toEqual({
      id: 't1',
      projectId: 'p1',
      title: 'Write the launch plan',
      done: true,
      assigneeId: 'u1',
      createdAt: '2026-11-02T09:00:00.000Z',
    })
    const open = (await (await app.request('/tasks?done=false')).json()) as { id: string }[]
    expect(open.map((t) => t.id)).toEqual(['t2', 't3', 't4'])
    expect((await app.request('/tasks?done=maybe')).status).toBe(400)
  })

  it('inserts with parameters, so quotes in a title are just text', async () => {
    const title = "Robert'); DROP TABLE tasks;--"
    const res = await post({ title, projectId: 'p2' })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; title: string }
    expect(created).toMatchObject({ id: 't5', title, done: false, projectId: 'p2', assigneeId: null })
    expect(res.headers.get('location')).toBe('/tasks/t5')
    expect(await (await app.request('/tasks/t5')).json()).toMatchObject({ title })
  })

  it('answers 400 for bad input and 404 for an unknown id', async () => {
    expect((await post({})).status).toBe(400)
    expect((await post({ title: 'x', projectId: 'p9' })).status).toBe(400)
    const missing = await app.request('/tasks/t999')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'Task not found' })
  })
})
