// Tests of the starter; checks.ts proves the finished exercise.
import { describe, expect, it } from 'vitest'
import app from './app.ts'

const post = (body: string, type = 'application/json') =>
  app.request('/tasks', { method: 'POST', headers: { 'Content-Type': type }, body })

describe('tasks-zod-validation (starter)', () => {
  it('creates a task from a JSON body', async () => {
    const res = await post('{"title":"Ship it"}')
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ title: 'Ship it' })
  })

  it('parses only JSON bodies: a text/plain body is validated as {} and refused', async () => {
    expect((await post('{"title":"Ship it"}', 'text/plain')).status).toBe(400)
  })
})
