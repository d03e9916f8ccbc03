/**
 * The API answers only requests addressed to a host name it knows: loopback names
 * (`localhost`, `*.localhost`), IP literals, and the host names of COURSE_ORIGIN. DNS
 * rebinding — a web page on `attacker.example` whose name is re-pointed at 127.0.0.1 — reaches
 * a developer's `npm start` with `Host: attacker.example`, same-origin from the browser's point
 * of view, so without this check it could spend the developer's OPENAI_API_KEY.
 */
import type { MiddlewareHandler } from 'hono'
import { openAiError } from './errors.ts'

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/

/** The host name of a Host header value (`example.com:8080` → `example.com`, `[::1]:80` → `::1`). */
export function hostName(host: string): string {
  const text = host.trim().toLowerCase()
  if (text.startsWith('[')) return text.slice(1, text.indexOf(']'))
  return text.replace(/:\d*$/, '').replace(/\.$/, '')
}

export function isKnownHost(host: string | undefined, configured: readonly string[]): boolean {
  if (!host) return false
  const name = hostName(host)
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (IPV4.test(name) || (name.includes(':') && /^[0-9a-f:.]+$/.test(name))) return true
  return configured.includes(name)
}

export function hostGate(configured: readonly string[]): MiddlewareHandler {
  const names = configured.map((name) => name.toLowerCase())
  return async function hostGate(c, next) {
    // @hono/node-server builds the URL from Host; app.request() and other runtimes may send none.
    const host = c.req.header('host') ?? new URL(c.req.url).host
    if (isKnownHost(host, names)) return next()
    const shown = (host ?? '').slice(0, 100)
    return c.json(
      openAiError(
        `This server does not answer API requests for the host "${shown}". ` +
          "If that is the course's public name, add its URL to COURSE_ORIGIN.",
        'invalid_request_error',
        'host_not_allowed',
      ),
      403,
    )
  }
}
