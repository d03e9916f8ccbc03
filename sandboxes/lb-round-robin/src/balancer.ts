// The load balancer: forwards each request to the next instance in turn (round robin), the way
// nginx's `upstream` block or a cloud load balancer does in front of real servers. Each
// instance is a service of its own (its own worker here, its own process in production).
import { Hono } from 'hono'

const INSTANCES = ['instance-a', 'instance-b']
let next = 0

const balancer = new Hono()

balancer.all('*', async (c) => {
  const instance = INSTANCES[next]!
  next = (next + 1) % INSTANCES.length
  const url = new URL(c.req.url)
  try {
    return await fetch(new Request(`http://${instance}${url.pathname}${url.search}`, c.req.raw))
  } catch {
    // What a proxy answers when the instance it picked is down (stop one in the services bar).
    return c.json({ error: `${instance} did not answer` }, 502)
  }
})

export default balancer
