import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// serveStatic reads ./public relative to the working directory, as under `npm run dev` in this folder.
process.chdir(fileURLToPath(new URL('..', import.meta.url)))
const { default: app } = await import('./app.ts')

describe('hello-xhr-page', () => {
  it('answers GET /hello', async () => {
    const res = await app.request('/hello')
    expect(await res.text()).toBe('Hello, World!')
  })

  it('serves the page that calls it, with fetch and with XMLHttpRequest', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain("fetch('/hello')")
    expect(html).toContain("xhr.open('GET', '/hello')")
  })

  it('answers 404 for files that are not there', async () => {
    expect((await app.request('/missing.js')).status).toBe(404)
  })
})
