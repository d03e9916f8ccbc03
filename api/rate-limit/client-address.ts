/**
 * Who a request comes from, for per-client rate limits and budgets. The socket address by
 * default; behind one reverse proxy (AI_TRUST_PROXY) the right-most X-Forwarded-For entry,
 * which is the one that proxy appended and so the only one a client cannot forge.
 */
import type { Context } from 'hono'

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/
const IPV6 = /^[0-9a-f:]{2,39}$/i

/** Expands `::` so an IPv6 address can be cut to its /64 network. */
function expandIpv6(address: string): string[] | undefined {
  const [head = '', tail, extra] = address.split('::')
  if (extra !== undefined) return undefined
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right]
  return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups : undefined
}

/**
 * A stable, bounded key for an address: IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by
 * its /64 network — one household or server usually holds a whole /64, so keying single
 * IPv6 addresses would let one client rotate through millions of rate-limit buckets.
 */
export function clientKeyFor(address: string | undefined): string | undefined {
  if (!address) return undefined
  let text = address.trim().toLowerCase()
  if (text.startsWith('::ffff:') && IPV4.test(text.slice(7))) text = text.slice(7)
  if (IPV4.test(text)) return text
  if (!IPV6.test(text)) return undefined
  const groups = expandIpv6(text)
  return groups
    ? `${groups
        .slice(0, 4)
        .map((g) => g.padStart(4, '0'))
        .join(':')}::/64`
    : undefined
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

export interface ClientAddressOptions {
  trustProxy: boolean
}

/** Reads the client key of a request; `unknown` when no address is available (e.g. `app.request()`). */
export function clientAddress(c: Context, options: ClientAddressOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const key = clientKeyFor(forwarded?.split(',').at(-1))
    if (key) return key
  }
  // @hono/node-server passes the Node request as `c.env.incoming`; other runtimes have no socket here.
  const bindings = c.env as NodeBindings | undefined
  return clientKeyFor(bindings?.incoming?.socket?.remoteAddress) ?? 'unknown'
}
