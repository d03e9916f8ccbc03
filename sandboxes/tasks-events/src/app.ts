import { Hono } from 'hono'
import { JobQueue } from './job-queue.ts'

const app = new Hono()
const tasks = new Map([
  ['t2', { id: 't2', title: 'Book the venue', done: false }],
  ['t3', { id: 't3', title: 'Draft the API guide', done: false }],
])

// 1. Listeners on microtasks. queueMicrotask runs a callback as soon as the current
//    JavaScript finishes, before the handler continues past its next await and before the
//    response is sent. So this slow synchronous listener delays the response by ~300 ms.
//    Set SLOW_LISTENER to false and compare the timings in the request panel.
const SLOW_LISTENER = true
function onTaskCompleted(taskId: string) {
  queueMicrotask(() => {
    const until = Date.now() + (SLOW_LISTENER ? 300 : 0)
    while (Date.now() < until) {
      /* e.g. building a report synchronously */
    }
    console.log(`listener: statistics updated for ${taskId}`)
  })
}

// 2. A job queue: the notification is recorded now and sent later, with retries.
const queue = new JobQueue()
const notified = new Set<string>() // what the "email provider" has already sent
let calls = 0
queue.handle('notify-assignee', async (job) => {
  calls++
  if (calls % 2 === 1) throw new Error('email provider timed out') // flaky: every other call fails
  // Idempotent: a retry or a redelivery of the same job must not send a second email.
  if (notified.has(job.id)) return
  notified.add(job.id)
  console.log(`job ${job.id}: emailed the assignee of ${job.payload.taskId} (attempt ${job.attempts})`)
})

app.post('/tasks/:id/complete', (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  task.done = true
  onTaskCompleted(task.id)
  const job = queue.enqueue('notify-assignee', { taskId: task.id })
  // The microtask listener runs as soon as this synchronous code ends: before Hono (or the
  // server) can pass the response on. The job waits for a later turn of the event loop.
  return c.json({ task, job: job.id }, 200)
})

// Look a moment later: attempts, status, last error.
app.get('/jobs', (c) => c.json(queue.jobs))

export default app
