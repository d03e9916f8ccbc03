import { describe, expect, it } from 'vitest'
import { sandboxRequest, withServerDefaults } from './sandbox-request.ts'

describe('withServerDefaults', () => {
  it('adds Host, a User-Agent and Content-Length when the client sent none', () => {
    expect(
      withServerDefaults([], { url: 'http://127.0.0.1:4322/hello', userAgent: 'Browser/1', bodyLength: 5 }),
    ).toEqual([
      ['host', '127.0.0.1:4322'],
      ['user-agent', 'Browser/1'],
      ['content-length', '5'],
    ])
  })

  it('never changes what the client sent', () => {
    const sent: [string, string][] = [
      ['Host', 'api.example'],
      ['User-Agent', 'curl/8'],
      ['Content-Length', '2'],
    ]
    expect(withServerDefaults(sent, { url: 'http://x/', userAgent: 'Browser/1', bodyLength: 2 })).toEqual(
      sent,
    )
    expect(withServerDefaults([], { url: 'http://x/' })).toEqual([['host', 'x']])
  })
})

describe('sandboxRequest', () => {
  it('keeps every header given, and the Content-Type a body implies', async () => {
    const request = sandboxRequest('http://x/echo', {
      method: 'POST',
      headers: { 'User-Agent': 'curl/8', Cookie: 'a=1' },
      body: 'hi',
    })
    expect(request.headers.get('user-agent')).toBe('curl/8')
    expect(request.headers.get('cookie')).toBe('a=1')
    expect(request.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(await request.text()).toBe('hi')
  })
})
