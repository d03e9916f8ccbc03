import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { devAssets } from './dev-assets.ts'

// serveStatic reads ./public relative to the working directory, as under `npm run dev` in this folder.
process.chdir(fileURLToPath(new URL('..', import.meta.url)))
const { default: app } = await import('./app.ts')

/** The app as `npm run dev` serves it (src/server.ts), without listening on a port. */
async function devServer() {
  const server = new Hono()
  server.use('*', await devAssets(['react', 'react/jsx-runtime', 'react-dom/client']))
  server.route('/', app)
  return server
}

describe('hello-react-page', () => {
  it('answers GET /hello', async () => {
    expect(await (await app.request('/hello')).text()).toBe('Hello, World!')
  })

  it('under Node, the page gets an import map for React and loads main.jsx', async () => {
    const server = await devServer()
    const html = await (await server.request('/')).text()
    expect(html).toContain('<script type="importmap">{"imports":{"react":"/vendor/react.js"')
    expect(html.indexOf('importmap')).toBeLessThan(html.indexOf('<script type="module"'))
    expect(html).toContain('<script type="module" src="/main.jsx">')
  })

  it("under Node, JSX is transpiled with React's automatic runtime, line for line", async () => {
    const server = await devServer()
    const response = await server.request('/App.jsx')
    expect(response.headers.get('content-type')).toContain('javascript')
    const code = await response.text()
    expect(code).toContain('from "react/jsx-runtime"')
    expect(code).not.toContain('<h1>')
    // sucrase keeps lines: the fetch call is on the same line as in public/App.jsx.
    const { readFileSync } = await import('node:fs')
    const source = readFileSync('public/App.jsx', 'utf8')
    const lineOf = (text: string) => text.split('\n').findIndex((l) => l.includes("fetch('/hello'"))
    expect(lineOf(code)).toBe(lineOf(source))
  })

  it('under Node, serves React at the URLs the import map names', async () => {
    const server = await devServer()
    const react = await server.request('/vendor/react.js')
    expect(react.status).toBe(200)
    expect(await react.text()).toMatch(/useEffect/)
    expect((await server.request('/vendor/react-dom/client.js')).status).toBe(200)
    expect((await server.request('/vendor/react/jsx-runtime.js')).status).toBe(200)
    expect((await server.request('/vendor/nothing.js')).status).toBe(404)
  })

  it('under Node, a JSX syntax error answers 500 with the file and line', async () => {
    const broken = new Hono()
    broken.get('/Broken.jsx', (c) =>
      c.body('const a = 1\nconst b = <div>\n', 200, { 'Content-Type': 'text/jsx' }),
    )
    const server = new Hono()
    server.use('*', await devAssets(['react']))
    server.route('/', broken)
    const response = await server.request('/Broken.jsx')
    expect(response.status).toBe(500)
    expect(await response.text()).toMatch(/public\/Broken\.jsx:2:\d+: Unterminated JSX contents/)
  })
})
