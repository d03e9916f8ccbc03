/**
 * One listener for both origins: when SANDBOX_ORIGIN names a host of its own
 * (`routedByHost` in api/config.ts), the course and the sandbox origin share PORT and each
 * request goes to the app its `Host` header names. Most hosting gives a process one port, and
 * a reverse proxy or ingress can then send both host names to the same place.
 *
 * A Host that is neither origin is refused (421 Misdirected Request), so the server never
 * answers for a name it does not own: a DNS-rebinding page (evil.example resolving to this
 * server) gets no course page, no runner and no API. Loopback names always reach the course,
 * so health checks from the machine itself (a container's HEALTHCHECK) work.
 */
import { LOOPBACK_HOSTNAMES, type SandboxOriginSetting } from '../api/config.ts'
import { openAiError } from '../api/errors.ts'

/** `env` carries @hono/node-server's bindings (the Node request, its socket address): pass it on. */
type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>

export interface HostRoutes {
  /** Host names (lower case, no port) of the course: COURSE_ORIGIN's and the loopback names. */
  course: string[]
  /** The sandbox origin's host name. */
  sandbox: string
}

/** Which host names route where, from the one sandbox-origin setting. */
export function hostRoutes(setting: Pick<SandboxOriginSetting, 'origin' | 'courseOrigins'>): HostRoutes {
  if (!setting.origin) throw new Error('hostRoutes needs SANDBOX_ORIGIN (routedByHost).')
  const course = new Set(setting.courseOrigins.map((origin) => new URL(origin).hostname))
  for (const name of LOOPBACK_HOSTNAMES) course.add(name)
  return { course: [...course], sandbox: new URL(setting.origin).hostname }
}

/** The host name of a Host header value: lower case, without the port (`[::1]` keeps its brackets). */
export function hostNameOf(host: string | null): string | undefined {
  if (!host) return undefined
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::\d+)?$/i.exec(host.trim())
  return match?.[1]?.toLowerCase().replace(/\.$/, '')
}

export interface RouteByHostOptions {
  routes: HostRoutes
  course: Fetch
  sandbox: Fetch
}

export function routeByHost(options: RouteByHostOptions): Fetch {
  const course = new Set(options.routes.course)
  const { sandbox } = options.routes
  return function routeByHost(request, env) {
    const name = hostNameOf(request.headers.get('host') ?? new URL(request.url).host)
    if (name === sandbox) return options.sandbox(request, env)
    if (name !== undefined && course.has(name)) return options.course(request, env)
    return misdirected(request, name, options.routes)
  }
}

function misdirected(request: Request, name: string | undefined, routes: HostRoutes): Response {
  const message =
    `This server does not serve the host "${name ?? ''}": it answers for the course ` +
    `(${routes.course.join(', ')}; set COURSE_ORIGIN) and the sandbox origin (${routes.sandbox}; SANDBOX_ORIGIN).`
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
  if (new URL(request.url).pathname.startsWith('/api/')) {
    return Response.json(openAiError(message, 'invalid_request_error', 'misdirected_request'), {
      status: 421,
      headers,
    })
  }
  return new Response(`${message}\n`, {
    status: 421,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
