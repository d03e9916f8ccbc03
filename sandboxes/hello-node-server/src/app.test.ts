import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('hello-node-server', () => {
  it('greets by name, or the world', async () => {
    expect(await (await app.request('/hello?name=Ada')).text()).toBe('Hello, Ada!')
    expect(await (await app.request('/hello')).text()).toBe('Hello, World!')
  })

  it('says it runs in Node under Node', async () => {
    expect(await (await app.request('/where')).json()).toEqual({ runtime: `Node ${process.version}` })
  })
})
