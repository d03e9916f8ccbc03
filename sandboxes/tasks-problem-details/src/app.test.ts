// Tests of the starter; checks.ts proves the finished exercise.
import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-problem-details (starter)', () => {
  it('answers a task, and 404 for an unknown one', async () => {
    expect((await app.request('/tasks/t1')).status).toBe(200)
    expect((await app.request('/tasks/t404')).status).toBe(404)
  })

  it('creates a task', async () => {
    const res = await app.request('/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":"Ship it"}',
    })
    expect(res.status).toBe(201)
  })
})
