// Both versions must answer the same requests the same way: Hono through app.request, Express
// through a real HTTP server on a free port.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import app from './app.ts'
import { expressApp } from './express-app.ts'

let server: Server
let base = ''

beforeAll(async () => {
  server = expressApp.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const versions = {
  hono: (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init)),
  express: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init),
}

const json = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
})

describe.each(Object.entries(versions))('%s', (_name, send) => {
  it('GET /tasks/t1 answers the task', async () => {
    const res = await send('/tasks/t1')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: 't1', title: 'Write the launch plan' })
  })

  it('an unknown id gets 404', async () => {
    const res = await send('/tasks/t404')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'Task not found' })
  })

  it('POST /tasks creates a task with 201 and Location', async () => {
    const res = await send('/tasks', json('{"title":"Compare frameworks"}'))
    expect(res.status).toBe(201)
    const task = (await res.json()) as { id: string; title: string }
    expect(res.headers.get('location')).toBe(`/tasks/${task.id}`)
    expect(task.title).toBe('Compare frameworks')
  })

  it('a missing title and malformed JSON get 400 with a JSON error', async () => {
    expect((await send('/tasks', json('{}'))).status).toBe(400)
    const res = await send('/tasks', json('{"title":'))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'Body is not valid JSON' })
  })

  it('a body that is not JSON gets 415', async () => {
    const res = await send('/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"title":"Plain"}',
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({ error: 'Send the task as application/json' })
  })
})
