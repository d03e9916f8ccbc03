import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { vendorRoutes } from './vendor.ts'

// serveStatic reads ./public relative to the working directory, as under `npm run dev` in this folder.
process.chdir(fileURLToPath(new URL('..', import.meta.url)))
const { default: app } = await import('./app.ts')

describe('hello-react-page', () => {
  it('answers GET /hello', async () => {
    expect(await (await app.request('/hello')).text()).toBe('Hello, World!')
  })

  it('serves the page, which maps react to /vendor/ and loads app.js', async () => {
    const html = await (await app.request('/')).text()
    expect(html).toContain('"react": "/vendor/react.js"')
    expect(html).toContain('<script type="module" src="/app.js">')
    const script = await app.request('/app.js')
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(await script.text()).toContain("fetch('/hello'")
  })

  it('under Node, serves React at the URLs the import map names', async () => {
    const vendor = await vendorRoutes(['react', 'react-dom/client'])
    const react = await vendor.request('/vendor/react.js')
    expect(react.status).toBe(200)
    expect(await react.text()).toMatch(/useEffect/)
    expect((await vendor.request('/vendor/react-dom/client.js')).status).toBe(200)
    expect((await vendor.request('/vendor/nothing.js')).status).toBe(404)
  })
})
