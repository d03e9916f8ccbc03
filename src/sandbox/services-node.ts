/**
 * The worker runtime's routing between services, under Node (`npm run check:sandboxes`, tests):
 * `fetch('http://payments/charge')` inside any app reaches the `payments` app through
 * `app.request`, and a stopped service fails the way the browser runtime makes it fail (a
 * network error: TypeError "fetch failed", cause ECONNREFUSED). Everything else is a normal fetch.
 */

export interface ServiceApp {
  request(input: Request): Response | Promise<Response>
}

export interface ServiceRouting {
  stop(service: string): void
  start(service: string): void
  /** Puts the original fetch back. */
  restore(): void
}

export function routeServices(apps: Record<string, ServiceApp>): ServiceRouting {
  const networkFetch = globalThis.fetch
  const stopped = new Set<string>()
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const app = url.protocol === 'http:' && !url.port ? apps[url.hostname] : undefined
    if (!app) return networkFetch(input, init)
    request.signal.throwIfAborted()
    if (stopped.has(url.hostname)) {
      throw new TypeError('fetch failed', {
        cause: Object.assign(
          new Error(`connect ECONNREFUSED ${url.hostname}:80 (the ${url.hostname} service is stopped)`),
          {
            code: 'ECONNREFUSED',
          },
        ),
      })
    }
    // The caller's signal (AbortSignal.timeout…) cuts the wait short, as it would over a network.
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
      Promise.resolve(app.request(request)).then(resolve, reject)
    })
  }
  return {
    stop: (service) => void stopped.add(service),
    start: (service) => void stopped.delete(service),
    restore: () => {
      globalThis.fetch = networkFetch
    },
  }
}
