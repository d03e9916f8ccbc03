/**
 * The tasks service. Completing a task also asks the notifications service to tell the
 * assignee, but a task is complete whether or not that works: the call has a deadline, and a
 * notification that could not be sent waits in `pending` for a retry.
 */
import { Hono } from 'hono'
import { callNotifications, notificationsService } from './notifications-service.ts'

const app = new Hono()
const tasks = new Map([
  ['t2', { id: 't2', title: 'Book the venue', done: false }],
  ['t3', { id: 't3', title: 'Draft the API guide', done: false }],
  ['t4', { id: 't4', title: 'Review the glossary', done: false }],
])
const pending: { taskId: string }[] = []
const NOTIFY_DEADLINE_MS = 1000

/** true if the notifications service accepted the notification in time; never throws. */
async function notify(taskId: string): Promise<boolean> {
  const call = callNotifications('/notify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ taskId }),
  }).then(
    (res) => res.ok,
    (err: unknown) => {
      console.error(
        JSON.stringify({ msg: 'notifications unreachable', taskId, error: (err as Error).message }),
      )
      return false
    },
  )
  // With a real fetch, pass signal: AbortSignal.timeout(NOTIFY_DEADLINE_MS) to also cancel it.
  const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), NOTIFY_DEADLINE_MS))
  return Promise.race([call, deadline])
}

app.post('/tasks/:id/complete', async (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  task.done = true

  const notification = (await notify(task.id)) ? 'sent' : 'pending'
  if (notification === 'pending') pending.push({ taskId: task.id }) // a retry job would send these later
  return c.json({ task, notification })
})

app.get('/pending', (c) => c.json(pending))

// The other service's own routes, reachable here so you can switch it off and on.
app.route('/notifications', notificationsService)

export default app
