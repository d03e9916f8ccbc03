/**
 * The notifications service: another team's program, deployed on its own. In production the
 * tasks service reaches it over the network (http://notifications.internal/notify); in this
 * sandbox both run in one app, and callNotifications below stands in for that fetch, network
 * failures included. Its /outage and /slow switches let you break it on purpose.
 */
import { Hono } from 'hono'

let mode: 'up' | 'down' | 'slow' = 'up'
export const sent: { taskId: string; at: string }[] = []

export const notificationsService = new Hono()

notificationsService.post('/notify', async (c) => {
  const { taskId } = await c.req.json<{ taskId: string }>()
  if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 2500))
  sent.push({ taskId, at: new Date().toISOString() })
  return c.json({ ok: true }, 202)
})

notificationsService.get('/sent', (c) => c.json(sent))

// Switches for the lesson: POST /outage stops the service, POST /slow makes it crawl,
// DELETE /outage (or /slow) brings it back.
notificationsService.post('/outage', (c) => ((mode = 'down'), c.body(null, 204)))
notificationsService.post('/slow', (c) => ((mode = 'slow'), c.body(null, 204)))
notificationsService.delete('/outage', (c) => ((mode = 'up'), c.body(null, 204)))
notificationsService.delete('/slow', (c) => ((mode = 'up'), c.body(null, 204)))

/** What fetch('http://notifications.internal' + path, init) does: a stopped service refuses the connection. */
export async function callNotifications(path: string, init: RequestInit = {}): Promise<Response> {
  if (mode === 'down' && path === '/notify')
    throw new TypeError('fetch failed: connect ECONNREFUSED notifications.internal:80')
  return notificationsService.fetch(new Request(`http://notifications.internal${path}`, init))
}
