// Tests of the starter: it works while both services are up (checks.ts proves the rest).
import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-notifications (starter)', () => {
  it('completes a task and notifies while the notifications service is up', async () => {
    const res = await app.request('/tasks/t2/complete', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ task: { id: 't2', done: true }, notification: 'sent' })
    expect(await (await app.request('/notifications/sent')).json()).toMatchObject([{ taskId: 't2' }])
  })
})
