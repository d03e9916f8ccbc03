import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import {
  clientAddress,
  clientKeyFor,
  networkKeyFor,
  parseAddress,
  parseNetworks,
  PRIVATE_NETWORKS,
} from './client-address.ts'

describe('clientKeyFor', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2::9', '2001:0db8:0001:0002::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    // Proxies write the port too, or brackets around IPv6.
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[2001:db8:1:2::9]:443', '2001:0db8:0001:0002::/64'],
    ['[2001:db8:1:2::9]', '2001:0db8:0001:0002::/64'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['300.1.2.3', undefined],
    ['1.2.3.4:', undefined],
    ['not-an-address', undefined],
    ['1:2:3', undefined],
    ['', undefined],
    ["'; DROP TABLE", undefined],
  ])('%s → %s', (address, key) => {
    expect(clientKeyFor(address)).toBe(key)
  })

  it('puts every address of one IPv6 /64 in one bucket', () => {
    expect(clientKeyFor('2001:db8:aa:bb:1::1')).toBe(clientKeyFor('2001:db8:aa:bb:ffff:ffff:ffff:ffff'))
  })
})

describe('networkKeyFor', () => {
  it('groups IPv6 clients by their /56, and leaves IPv4 alone', () => {
    const a = clientKeyFor('2001:db8:1:200::1')!
    const b = clientKeyFor('2001:db8:1:2ff::1')!
    expect(a).not.toBe(b)
    expect(networkKeyFor(a)).toBe('2001:0db8:0001:0200::/56')
    expect(networkKeyFor(b)).toBe(networkKeyFor(a))
    expect(networkKeyFor(clientKeyFor('2001:db8:1:300::1')!)).not.toBe(networkKeyFor(a))
    expect(networkKeyFor('203.0.113.9')).toBeUndefined()
  })
})

describe('parseNetworks', () => {
  it('matches addresses inside IPv4 and IPv6 networks', () => {
    const inside = parseNetworks(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '2001:db8:ab00::/40'])
    const check = (address: string) => inside(parseAddress(address)!)
    expect(check('10.200.3.4')).toBe(true)
    expect(check('11.0.0.1')).toBe(false)
    expect(check('192.168.1.7')).toBe(true)
    expect(check('192.168.1.8')).toBe(false)
    expect(check('fd12:3456::1')).toBe(true)
    expect(check('fe80::1')).toBe(false)
    expect(check('2001:db8:abcd::1')).toBe(true)
    expect(check('2001:db8:ac00::1')).toBe(false)
    expect(() => parseNetworks(['10.0.0.0/40'])).toThrow(/not an IP address or a network/)
    expect(() => parseNetworks(['example.com'])).toThrow()
  })
})

describe('clientAddress', () => {
  function appWith(proxies: string[] | undefined) {
    const app = new Hono()
    const trustedProxies = proxies ? parseNetworks(proxies) : undefined
    app.get('/', (c) => c.text(clientAddress(c, { trustedProxies })))
    return app
  }
  const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } })
  const socket = from('10.0.0.5')
  const forwarded = (value: string) => ({ headers: { 'x-forwarded-for': value } })

  it('uses the socket address and ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const res = await appWith(undefined).request('/', forwarded('1.2.3.4'), socket)
    expect(await res.text()).toBe('10.0.0.5')
  })

  it('behind a trusted proxy, takes the right-most entry that is not a proxy', async () => {
    const app = appWith(['10.0.0.0/8'])
    const res = await app.request('/', forwarded('6.6.6.6, 198.51.100.1'), socket)
    expect(await res.text()).toBe('198.51.100.1')
    // Two proxies in a row (a CDN, then nginx): both are skipped.
    const chained = await app.request('/', forwarded('198.51.100.1, 10.9.9.9'), socket)
    expect(await chained.text()).toBe('198.51.100.1')
    const withPort = await app.request('/', forwarded('198.51.100.1:51234'), socket)
    expect(await withPort.text()).toBe('198.51.100.1')
    const junk = await app.request('/', forwarded('evil'), socket)
    expect(await junk.text()).toBe('10.0.0.5')
  })

  it('ignores X-Forwarded-For from a client that reaches Node directly', async () => {
    const app = appWith(['10.0.0.0/8'])
    const res = await app.request('/', forwarded('1.2.3.4'), from('203.0.113.50'))
    expect(await res.text()).toBe('203.0.113.50')
  })

  it('trusts loopback and private networks for AI_TRUST_PROXY=true', async () => {
    const app = appWith(PRIVATE_NETWORKS)
    expect(await (await app.request('/', forwarded('198.51.100.1'), from('::ffff:127.0.0.1'))).text()).toBe(
      '198.51.100.1',
    )
    expect(await (await app.request('/', forwarded('198.51.100.1'), from('198.51.100.2'))).text()).toBe(
      '198.51.100.2',
    )
  })

  it('is "unknown" without a socket (app.request, other runtimes)', async () => {
    expect(await (await appWith(undefined).request('/')).text()).toBe('unknown')
  })
})
