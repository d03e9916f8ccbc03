import { Hono } from 'hono'
import { createInstance } from './instance.ts'
import { memoryStore } from './session-store.ts'

// Each instance keeps its sessions in its own memory: a session made on instance A does not
// exist on instance B. Log in, copy the token, then send GET /me with
// "Authorization: Bearer <token>" a few times and watch X-Served-By and the status.
//
// The fix: give both instances ONE store (in production: Redis or the database), e.g.
//   const shared = memoryStore()
//   const instances = [createInstance('a', shared), createInstance('b', shared)]
const instances = [createInstance('a', memoryStore()), createInstance('b', memoryStore())]

// The load balancer: forwards each request to the next instance in turn (round robin).
// nginx's `upstream` block or a cloud load balancer does this in front of real servers.
let next = 0
const balancer = new Hono()

balancer.all('*', (c) => {
  const instance = instances[next]!
  next = (next + 1) % instances.length
  return instance.fetch(c.req.raw)
})

export default balancer
