import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-events', () => {
  it('runs the microtask listener before answering, and the job after, with a retry', async () => {
    const logs: string[] = []
    const log = console.log
    console.log = (line: string) => void logs.push(line)
    try {
      const res = await app.request('/tasks/t2/complete', { method: 'POST' })
      expect(res.status).toBe(200)
      expect(logs).toEqual(['listener: statistics updated for t2']) // already ran; the job has not
      await new Promise((resolve) => setTimeout(resolve, 600))
      const [job] = (await (await app.request('/jobs')).json()) as { status: string; attempts: number }[]
      expect(job).toMatchObject({ status: 'done', attempts: 2 })
      expect(logs[1]).toBe('job j1: emailed the assignee of t2 (attempt 2)')
    } finally {
      console.log = log
    }
  })
})
