// Tests of the starter (the exercise's checks in checks.ts prove the finished version).
import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-http-lab (starter)', () => {
  it('lists the sample tasks', async () => {
    const res = await app.request('/tasks')
    expect(res.status).toBe(200)
    expect(((await res.json()) as unknown[]).length).toBe(4)
  })

  it('creates a task from a title and refuses an empty one', async () => {
    const post = (body: unknown) =>
      app.request('/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect(await (await post({ title: 'Order the banners' })).json()).toMatchObject({ id: 't5', done: false })
    expect((await post({ title: '' })).status).toBe(400)
  })

  it('answers 404 with a JSON error for an unknown task', async () => {
    const res = await app.request('/tasks/t99')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'Task not found' })
  })
})
