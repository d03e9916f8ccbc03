import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientAddress, clientKeyFor } from './client-address.ts'

describe('clientKeyFor', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2::9', '2001:0db8:0001:0002::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
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

describe('clientAddress', () => {
  function appWith(trustProxy: boolean) {
    const app = new Hono()
    app.get('/', (c) => c.text(clientAddress(c, { trustProxy })))
    return app
  }
  const socket = { incoming: { socket: { remoteAddress: '10.0.0.5' } } }

  it('uses the socket address and ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const res = await appWith(false).request('/', { headers: { 'x-forwarded-for': '1.2.3.4' } }, socket)
    expect(await res.text()).toBe('10.0.0.5')
  })

  it('behind a proxy, takes the right-most X-Forwarded-For entry (the one the proxy added)', async () => {
    const res = await appWith(true).request(
      '/',
      { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.1' } },
      socket,
    )
    expect(await res.text()).toBe('198.51.100.1')
    const junk = await appWith(true).request('/', { headers: { 'x-forwarded-for': 'evil' } }, socket)
    expect(await junk.text()).toBe('10.0.0.5')
  })

  it('is "unknown" without a socket (app.request, other runtimes)', async () => {
    expect(await (await appWith(false).request('/')).text()).toBe('unknown')
  })
})
