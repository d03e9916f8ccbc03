// What the factory buys: every test gets its own app and its own in-memory data, no server,
// no port, no database, no order between tests.
import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { InMemoryTaskRepository } from './task-repository.ts'

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

describe('tasks-layers', () => {
  it('creates a task with 201 + Location and refuses an empty title with 400', async () => {
    const app = createApp({ repo: new InMemoryTaskRepository() })
    const res = await app.request('/tasks', json({ title: 'Order the banners' }))
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toBe('/tasks/t1')
    expect((await app.request('/tasks', json({ title: ' ' }))).status).toBe(400)
  })

  it('completes a task once, records it in the activity log, and 404s unknown ids', async () => {
    const app = createApp()
    expect(await (await app.request('/tasks/t2/complete', { method: 'POST' })).json()).toMatchObject({
      id: 't2',
      done: true,
    })
    await app.request('/tasks/t2/complete', { method: 'POST' })
    const activity = (await (await app.request('/activity')).json()) as { type: string }[]
    expect(activity.map((a) => a.type)).toEqual(['task.completed'])
    expect((await app.request('/tasks/t99/complete', { method: 'POST' })).status).toBe(404)
  })
})
