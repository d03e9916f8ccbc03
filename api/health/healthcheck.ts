/**
 * The container's HEALTHCHECK (Dockerfile): exit 0 when this machine's server answers
 * GET /api/health with 200 within 2 s, 1 otherwise. Loopback Host names always reach the
 * course, also when both origins share the port (server/host-routing.ts).
 */
import { readCourseServer } from '../config.ts'

// PORT as the server read it (default, `_` separators and all); a bad value fails the check.
const { port } = readCourseServer(process.env)
try {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) })
  process.exit(res.ok ? 0 : 1)
} catch {
  process.exit(1)
}
