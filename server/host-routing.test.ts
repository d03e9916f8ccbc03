import { describe, expect, it } from 'vitest'
import { readSandboxConfig } from '../api/config.ts'
import { hostNameOf, hostRoutes, routeByHost } from './host-routing.ts'

const setting = readSandboxConfig(
  {
    SANDBOX_ORIGIN: 'https://sandbox.course.example',
    COURSE_ORIGIN: 'https://course.example,https://www.course.example',
  },
  { port: 4321, host: '127.0.0.1', distDir: 'dist' },
)
const route = routeByHost({
  routes: hostRoutes(setting),
  course: () => new Response('course'),
  sandbox: () => new Response('sandbox'),
})

function get(host: string | undefined, path = '/') {
  const headers = host === undefined ? undefined : { host }
  return route(new Request(`http://internal:4321${path}`, { headers }))
}

describe('one port, two origins', () => {
  it('sends each request to the app its Host names (any port, any case, a trailing dot)', async () => {
    expect(await (await get('course.example')).text()).toBe('course')
    expect(await (await get('www.course.example:443')).text()).toBe('course')
    expect(await (await get('SANDBOX.course.example')).text()).toBe('sandbox')
    expect(await (await get('sandbox.course.example.:8443')).text()).toBe('sandbox')
  })

  it('always lets the machine itself reach the course (health checks)', async () => {
    for (const host of ['127.0.0.1:4321', 'localhost', '[::1]:4321']) {
      expect(await (await get(host, '/api/health')).text()).toBe('course')
    }
  })

  it('refuses any other Host with 421, naming what it serves; OpenAI-shaped under /api', async () => {
    const page = await get('evil.example')
    expect(page.status).toBe(421)
    expect(await page.text()).toMatch(
      /does not serve the host "evil\.example".*course\.example.*SANDBOX_ORIGIN/,
    )
    const api = await get('evil.example:4321', '/api/openai/v1/models')
    expect(api.status).toBe(421)
    expect(await api.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'misdirected_request' },
    })
    // A look-alike is not a match.
    expect((await get('sandbox.course.example.evil.example')).status).toBe(421)
    expect((await get('course.example@evil.example')).status).toBe(421)
  })

  it('reads host names as a Host header carries them', () => {
    expect(hostNameOf('Course.Example:8080')).toBe('course.example')
    expect(hostNameOf('[::1]:4321')).toBe('[::1]')
    expect(hostNameOf('')).toBeUndefined()
    expect(hostNameOf('a:b:c')).toBeUndefined()
  })
})
