import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'

const good = { DATABASE_URL: 'postgres://app:secret@db:5432/tasks' }

describe('node-config-startup', () => {
  it('fills defaults and coerces numbers', () => {
    expect(loadConfig({ ...good, PORT: '8080' })).toMatchObject({ PORT: 8080, LOG_LEVEL: 'info' })
  })

  it('refuses bad values with a message naming each variable', () => {
    const bad = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'verbose', DATABASE_URL: 'mysql://db/tasks' })
    expect(bad).toThrow(ConfigError)
    expect(bad).toThrow(/PORT: .*\n {2}LOG_LEVEL: .*\n {2}DATABASE_URL: must be a postgres:\/\/ URL/)
  })

  it('refuses a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/)
  })

  it('readiness fails while draining, liveness does not; secrets are not echoed', async () => {
    const lifecycle = { draining: false }
    const app = createApp(loadConfig(good), lifecycle)
    expect((await app.request('/readyz')).status).toBe(200)
    lifecycle.draining = true
    expect((await app.request('/readyz')).status).toBe(503)
    expect((await app.request('/healthz')).status).toBe(200)
    expect(await (await app.request('/config')).text()).not.toContain('secret')
  })
})
