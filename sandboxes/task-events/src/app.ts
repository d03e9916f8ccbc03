import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'

const app = new Hono()

const TASKS = ['Write the launch plan', 'Book the venue', 'Draft the API guide', 'Review the glossary']

// Server-sent events: one long response, written a piece at a time. The browser's EventSource
// (or the request panel) shows each event the moment it arrives, not when the response ends.
app.get('/import/progress', (c) => {
  const delay = Math.min(Number(c.req.query('delay') ?? 400) || 0, 5000)
  return streamSSE(c, async (stream) => {
    let aborted = false
    // The client went away: stop working for nobody.
    stream.onAbort(() => {
      aborted = true
    })
    for (const [i, title] of TASKS.entries()) {
      if (aborted) return
      await stream.sleep(delay) // stands in for real work: parsing, inserting a row…
      await stream.writeSSE({
        event: 'imported',
        id: String(i + 1),
        data: JSON.stringify({ done: i + 1, of: TASKS.length, title }),
      })
    }
    await stream.writeSSE({ event: 'finished', data: JSON.stringify({ imported: TASKS.length }) })
  })
})

export default app
