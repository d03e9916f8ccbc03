import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { db } from './db.ts'

const sql = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
beforeAll(async () => {
  await db.exec(sql('db/schema.sql'))
  await db.exec(sql('db/seed.sql'))
}, 120_000)

const json = (method: string, body: unknown) => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

describe('tasks-sql', () => {
  it('creates, reads, updates and deletes a task', async () => {
    const created = await app.request(
      '/tasks',
      json('POST', { projectId: 'p2', title: "O'Brien's checklist" }),
    )
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('/tasks/t5')
    expect(await (await app.request('/tasks/t5')).json()).toMatchObject({
      title: "O'Brien's checklist",
      done: false,
    })
    expect(await (await app.request('/tasks/t5', json('PATCH', { done: true }))).json()).toMatchObject({
      done: true,
      title: "O'Brien's checklist",
    })
    expect((await app.request('/tasks/t5', { method: 'DELETE' })).status).toBe(204)
    expect((await app.request('/tasks/t5')).status).toBe(404)
    expect((await app.request('/tasks', json('POST', { projectId: 'p9', title: 'x' }))).status).toBe(400)
  })

  it('the parameterised search treats input as text; the unsafe one can be rewritten by it', async () => {
    const attack = encodeURIComponent("' OR true --")
    expect(await (await app.request(`/projects/p2/search?q=${attack}`)).json()).toEqual([])
    const leaked = (await (await app.request(`/projects/p2/search-unsafe?q=${attack}`)).json()) as {
      project_id: string
    }[]
    expect(leaked.some((t) => t.project_id === 'p1')).toBe(true)
  })
})
