import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApi } from './app.ts'
import { hostName, isKnownHost } from './host-gate.ts'

describe('isKnownHost', () => {
  it.each([
    ['127.0.0.1:4321', true],
    ['localhost:4321', true],
    ['course.localhost', true],
    ['[::1]:4321', true],
    ['192.168.1.20:4321', true],
    ['course.example', true],
    ['COURSE.EXAMPLE:443', true],
    ['attacker.example', false],
    ['localhost.attacker.example', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (host, known) => {
    expect(isKnownHost(host, ['course.example'])).toBe(known)
  })

  it('reads host names from Host values', () => {
    expect(hostName('Example.com:8080')).toBe('example.com')
    expect(hostName('[::1]:80')).toBe('::1')
    expect(hostName('example.com.')).toBe('example.com')
  })
})

describe('the API under a rebound host name', () => {
  const app = new Hono().route('/api', createApi({ env: { COURSE_ORIGIN: 'https://course.example' } }))

  it('answers its own names and refuses others with an OpenAI-shaped 403', async () => {
    const as = (host: string) => app.request('http://x/api/health', { headers: { host } })
    expect((await as('127.0.0.1:4321')).status).toBe(200)
    expect((await as('course.example')).status).toBe(200)
    const refused = await as('attacker.example:4321')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({
      error: { code: 'host_not_allowed', type: 'invalid_request_error' },
    })
    const models = await app.request('http://x/api/openai/v1/models', {
      headers: { host: 'rebind.attacker.example' },
    })
    expect(models.status).toBe(403)
  })
})
