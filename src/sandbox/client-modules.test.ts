import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { devAssets } from '../../sandboxes/hello-react-page/src/dev-assets.ts'
import {
  fileForUrlPath,
  injectImportMap,
  transformClientResponse,
  vendorImportMap,
  type ClientResponse,
} from './client-modules.ts'

const map = vendorImportMap(['react-dom/client', 'react', 'react/jsx-runtime'])
const files = ['src/app.ts', 'public/index.html', 'public/App.jsx', 'public/main.jsx']
const js = (status: number, body: string, type = 'text/jsx'): ClientResponse => ({
  status,
  headers: [
    ['content-type', type],
    ['content-length', String(body.length)],
    ['etag', '"x"'],
  ],
  body,
})

describe('vendorImportMap', () => {
  it('maps each bare specifier to its stable /vendor/ URL, sorted', () => {
    expect(map).toEqual({
      imports: {
        react: '/vendor/react.js',
        'react-dom/client': '/vendor/react-dom/client.js',
        'react/jsx-runtime': '/vendor/react/jsx-runtime.js',
      },
    })
  })
})

describe('injectImportMap', () => {
  it('puts the map first in <head>, before any module script', () => {
    const html =
      '<!doctype html><html><head><title>x</title><script type="module" src="/main.jsx"></script></head></html>'
    const out = injectImportMap(html, map)
    expect(out).toMatch(/^<!doctype html><html><head><script type="importmap">\{"imports":/)
    expect(out.indexOf('importmap')).toBeLessThan(out.indexOf('type="module"'))
  })

  it('works without a <head> tag, after the doctype', () => {
    expect(injectImportMap('<!DOCTYPE html><p>hi</p>', map)).toMatch(
      /^<!DOCTYPE html><script type="importmap">/,
    )
    expect(injectImportMap('<p>hi</p>', map)).toMatch(/^<script type="importmap">/)
  })

  it('leaves a page with its own import map alone (a hand-written one wins)', () => {
    const own = `<head><script type='importmap'>{"imports":{"react":"https://esm.sh/react"}}</script></head>`
    expect(injectImportMap(own, map)).toBe(own)
  })

  it('is not fooled by an import map mentioned in a comment', () => {
    const html = '<head><!-- <script type="importmap"> would go here --></head>'
    expect(injectImportMap(html, map)).toContain('<head><script type="importmap">{')
  })
})

describe('fileForUrlPath', () => {
  it('finds the learner file a URL was served from', () => {
    expect(fileForUrlPath('/App.jsx', files)).toBe('public/App.jsx')
    expect(fileForUrlPath('/public/App.jsx', files)).toBe('public/App.jsx')
    expect(fileForUrlPath('/missing.tsx', files)).toBe('missing.tsx')
  })
})

describe('transformClientResponse', () => {
  const options = { files, importMap: map }

  it("transpiles JSX with React's automatic runtime and serves it as JavaScript", () => {
    const result = transformClientResponse(
      '/App.jsx',
      js(200, 'export default function App() {\n  return <h1>Hi</h1>\n}\n'),
      options,
    )
    expect(result.kind).toBe('changed')
    if (result.kind !== 'changed') return
    expect(result.response.body).toContain('from "react/jsx-runtime"')
    expect(result.response.body.split('\n')[1]).toMatch(/_jsx\(['"]h1['"]/)
    const headers = Object.fromEntries(result.response.headers)
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(headers['content-length']).toBeUndefined()
    expect(headers.etag).toBeUndefined()
  })

  it('strips types from .ts and .tsx modules', () => {
    const result = transformClientResponse(
      '/util.ts',
      js(200, 'export const n: number = 1\n', 'video/mp2t'),
      options,
    )
    expect(result.kind === 'changed' && result.response.body).toBe('export const n = 1\n')
    const tsx = transformClientResponse(
      '/View.tsx',
      js(200, 'export const V = (p: { n: number }) => <b>{p.n}</b>\n'),
      options,
    )
    expect(tsx.kind === 'changed' && tsx.response.body).toMatch(/_jsx\(['"]b['"]/)
  })

  it('reports a syntax error with the learner file and line, as JavaScript that throws', () => {
    const result = transformClientResponse('/App.jsx', js(200, 'const a = 1\nconst b = <div>\n'), options)
    expect(result.kind).toBe('failed')
    if (result.kind !== 'failed') return
    expect(result.error.file).toBe('public/App.jsx')
    expect(result.error.line).toBe(2)
    expect(result.response.status).toBe(500)
    expect(result.response.body).toMatch(
      /^throw new SyntaxError\("public\/App\.jsx:2:\d+: Unterminated JSX contents"\)/,
    )
  })

  it('adds the import map to HTML pages and leaves other responses alone', () => {
    const page = transformClientResponse('/', js(200, '<head></head>', 'text/html; charset=utf-8'), options)
    expect(page.kind === 'changed' && page.response.body).toContain('"react":"/vendor/react.js"')
    expect(transformClientResponse('/app.js', js(200, 'x', 'text/javascript'), options).kind).toBe(
      'unchanged',
    )
    expect(transformClientResponse('/App.jsx', js(404, 'Not Found'), options).kind).toBe('unchanged')
    expect(transformClientResponse('/data.json', js(200, '{}', 'application/json'), options).kind).toBe(
      'unchanged',
    )
  })
})

describe("parity with the sandbox's Node dev server (src/dev-assets.ts)", () => {
  // One sandbox runs in the worker runtime and under Node: both must serve the page the same way.
  const page =
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/main.jsx"></script></body></html>'
  const component =
    "import { useState } from 'react'\nexport default function App() {\n  const [n] = useState(1)\n  return <p>{n}</p>\n}\n"
  const broken = 'const a = (\n  <div>\n'

  async function node(path: string, body: string, type: string) {
    const app = new Hono().get(path, (c) => c.body(body, 200, { 'Content-Type': type }))
    const server = new Hono()
    server.use('*', await devAssets(['react', 'react-dom/client', 'react/jsx-runtime']))
    server.route('/', app)
    const response = await server.request(path)
    return { status: response.status, body: await response.text() }
  }

  it('gives the same HTML, the same transpiled module and the same error', async () => {
    for (const [path, body, type] of [
      ['/', page, 'text/html; charset=utf-8'],
      ['/App.jsx', component, 'text/jsx'],
      ['/Broken.jsx', broken, 'text/jsx'],
    ] as const) {
      const browser = transformClientResponse(path, js(200, body, type), {
        files: ['public/App.jsx', 'public/Broken.jsx'],
        importMap: map,
      })
      const expected =
        browser.kind === 'unchanged'
          ? { status: 200, body }
          : { status: browser.response.status, body: browser.response.body }
      expect(await node(path, body, type), path).toEqual(expected)
    }
  })
})
