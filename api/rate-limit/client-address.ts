/**
 * Who a request comes from, for per-client rate limits and budgets. The socket address by
 * default. Behind reverse proxies (AI_TRUST_PROXY, a list of their addresses or networks),
 * `X-Forwarded-For` is read only when the socket belongs to one of them, from the right,
 * skipping the proxies' own entries: the first address that is not a proxy is the client.
 * A client that reaches Node directly cannot choose its key by sending the header.
 */
import type { Context } from 'hono'

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/
const IPV6 = /^[0-9a-f:.]{2,45}$/i

function ipv4Groups(text: string): number[] | undefined {
  if (!IPV4.test(text)) return undefined
  const parts = text.split('.').map(Number)
  return parts.every((n) => n <= 255) ? parts : undefined
}

/** Expands `::` (and a trailing dotted IPv4) into eight 16-bit groups. */
function expandIpv6(address: string): number[] | undefined {
  let text = address
  const dotted = /(?:^|:)((?:\d{1,3}\.){3}\d{1,3})$/.exec(text)
  if (dotted) {
    const v4 = ipv4Groups(dotted[1]!)
    if (!v4) return undefined
    const tail = `${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`
    text = text.slice(0, text.length - dotted[1]!.length) + tail
  }
  const [head = '', tail, extra] = text.split('::')
  if (extra !== undefined) return undefined
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right]
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined
  return groups.map((g) => parseInt(g, 16))
}

export type ParsedAddress = { version: 4; groups: number[] } | { version: 6; groups: number[] }

/**
 * An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]`,
 * `[2001:db8::1]:443`, or IPv4-mapped IPv6 (read as IPv4).
 */
export function parseAddress(raw: string | undefined): ParsedAddress | undefined {
  if (!raw) return undefined
  let text = raw.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)
  if (bracketed) text = bracketed[1]!
  else if (/^(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'))
  const v4 = ipv4Groups(text)
  if (v4) return { version: 4, groups: v4 }
  if (!IPV6.test(text)) return undefined
  const v6 = expandIpv6(text)
  if (!v6) return undefined
  // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket.
  if (v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff)
    return { version: 4, groups: [v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255] }
  return { version: 6, groups: v6 }
}

const hex = (groups: number[]) => groups.map((g) => g.toString(16).padStart(4, '0')).join(':')

/**
 * A stable, bounded key for an address: IPv4 as is, and IPv6 by its /64 network — one
 * household or server usually holds a whole /64, so keying single IPv6 addresses would let
 * one client rotate through millions of rate-limit buckets.
 */
export function clientKeyFor(address: string | undefined): string | undefined {
  const parsed = parseAddress(address)
  if (!parsed) return undefined
  if (parsed.version === 4) return parsed.groups.join('.')
  return `${hex(parsed.groups.slice(0, 4))}::/64`
}

/**
 * The larger network an IPv6 client key belongs to (its /56, what providers hand a single
 * customer), so one customer cannot take 256 /64 buckets; undefined for IPv4.
 */
export function networkKeyFor(clientKey: string): string | undefined {
  if (!clientKey.endsWith('::/64')) return undefined
  const groups = clientKey.slice(0, -5).split(':')
  return `${groups.slice(0, 3).join(':')}:${groups[3]!.slice(0, 2)}00::/56`
}

/** A list of addresses and networks (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`). */
export type AddressMatcher = (address: ParsedAddress) => boolean

interface Network {
  version: 4 | 6
  groups: number[]
  bits: number
}

/** Throws on an entry that is not an address or a network; the caller names the setting. */
export function parseNetworks(list: readonly string[]): AddressMatcher {
  const networks: Network[] = list.map((entry) => {
    const [address = '', bits, extra] = entry.trim().split('/')
    const parsed = parseAddress(address)
    const max = parsed?.version === 4 ? 32 : 128
    const prefix = bits === undefined ? max : Number(bits)
    if (!parsed || extra !== undefined || !/^\d{0,3}$/.test(bits ?? '') || prefix > max || bits === '')
      throw new Error(`"${entry}" is not an IP address or a network such as 10.0.0.0/8 or fd00::/8`)
    return { version: parsed.version, groups: parsed.groups, bits: prefix }
  })
  const width = (version: 4 | 6) => (version === 4 ? 8 : 16)
  return (address) =>
    networks.some((network) => {
      if (network.version !== address.version) return false
      const size = width(network.version)
      let left = network.bits
      for (let i = 0; left > 0; i++, left -= size) {
        const take = Math.min(size, left)
        const mask = ((1 << take) - 1) << (size - take)
        if ((network.groups[i]! & mask) !== (address.groups[i]! & mask)) return false
      }
      return true
    })
}

/** What AI_TRUST_PROXY=true means: proxies on this machine or a private network. */
export const PRIVATE_NETWORKS = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  'fc00::/7',
]

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

export interface ClientAddressOptions {
  /** The reverse proxies whose X-Forwarded-For is believed; none by default. */
  trustedProxies?: AddressMatcher
}

/** The socket's address (@hono/node-server passes the Node request as `c.env.incoming`). */
export function socketAddress(c: Context): string | undefined {
  return (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
}

/** Whether the request came through one of the trusted proxies (so its X-Forwarded-* headers are theirs). */
export function viaTrustedProxy(c: Context, trusted: AddressMatcher | undefined): boolean {
  if (!trusted) return false
  const socket = parseAddress(socketAddress(c))
  return socket !== undefined && trusted(socket)
}

/** Reads the client key of a request; `unknown` when no address is available (e.g. `app.request()`). */
export function clientAddress(c: Context, options: ClientAddressOptions = {}): string {
  const socket = socketAddress(c)
  const trusted = options.trustedProxies
  if (trusted && viaTrustedProxy(c, trusted)) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',')
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = parseAddress(hops[i])
      // Junk in the header ends the walk: nothing left of it can be believed.
      if (!hop) break
      if (!trusted(hop)) return clientKeyFor(hops[i])!
    }
  }
  return clientKeyFor(socket) ?? 'unknown'
}
