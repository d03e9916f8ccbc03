import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('task-events', () => {
  it('streams one event per task, then finished, each as it is written', async () => {
    const res = await app.request('/import/progress?delay=20')
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    const first = decoder.decode((await reader.read()).value)
    // The first event arrives on its own, long before the last is written.
    expect(first).toBe('event: imported\ndata: {"done":1,"of":4,"title":"Write the launch plan"}\nid: 1\n\n')
    let rest = ''
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value)
    expect(rest.match(/^event: imported$/gm)).toHaveLength(3)
    expect(rest).toContain('event: finished\ndata: {"imported":4}\n\n')
  })
})
