/**
 * The tasks service. Completing a task also asks the notifications service to tell the
 * assignee. Exercise: today, when notifications is down the whole request fails, and when it
 * is slow every completion is slow. Make completing a task independent of it:
 *  - call it with a deadline (1 s is plenty for a healthy service);
 *  - if the call fails or times out, still answer 200 with "notification": "pending", and keep
 *    the notification in `pending` so it can be sent later (GET /pending shows them);
 *  - when it works, answer "notification": "sent".
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

app.post('/tasks/:id/complete', async (c) => {
  const task = tasks.get(c.req.param('id'))
  if (!task) return c.json({ error: 'Task not found' }, 404)
  task.done = true

  const res = await callNotifications('/notify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ taskId: task.id }),
  })
  if (!res.ok) throw new Error(`notifications answered ${res.status}`)
  return c.json({ task, notification: 'sent' })
})

app.get('/pending', (c) => c.json(pending))

// The other service's own routes, reachable here so you can switch it off and on.
app.route('/notifications', notificationsService)

export default app
