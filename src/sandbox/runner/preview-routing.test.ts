import { describe, expect, test } from 'vitest'
import { isRuntimeFile, locationInPreview, parsePreviewUrl, routePreviewRequest } from './preview-routing.ts'

const origin = 'http://localhost:4322'
const page = `${origin}/preview/s1/index.html`

describe('routePreviewRequest', () => {
  test('a preview URL is relayed to its session with the prefix removed', () => {
    expect(routePreviewRequest({ url: `${origin}/preview/s1/hello?x=1`, origin, mode: 'cors' })).toEqual({
      kind: 'relay',
      session: 's1',
      path: '/hello?x=1',
    })
    expect(routePreviewRequest({ url: `${origin}/preview/s1/`, origin, mode: 'navigate' })).toEqual({
      kind: 'relay',
      session: 's1',
      path: '/',
    })
  })

  test('the bare session path gets its trailing slash, so relative URLs resolve inside it', () => {
    expect(routePreviewRequest({ url: `${origin}/preview/s1?a=b`, origin, mode: 'navigate' })).toEqual({
      kind: 'redirect',
      location: `${origin}/preview/s1/?a=b`,
    })
  })

  test("a preview page's absolute-path requests (fetch('/hello'), XHR, scripts) belong to its session", () => {
    expect(routePreviewRequest({ url: `${origin}/hello`, origin, mode: 'cors', clientUrl: page })).toEqual({
      kind: 'relay',
      session: 's1',
      path: '/hello',
    })
  })

  test('navigations outside /preview/ are not a preview’s (the sandbox server redirects links back)', () => {
    expect(
      routePreviewRequest({ url: `${origin}/about`, origin, mode: 'navigate', clientUrl: page }),
    ).toEqual({ kind: 'network' })
  })

  test('the runtime, vendored packages, other origins and non-preview clients go to the network', () => {
    for (const url of [
      `${origin}/vendor/react.js`,
      `${origin}/runner.html?session=s1`,
      `${origin}/sw.js`,
      `${origin}/worker-ABCDEFGH.js`,
    ]) {
      expect(routePreviewRequest({ url, origin, mode: 'no-cors', clientUrl: page })).toEqual({
        kind: 'network',
      })
    }
    expect(
      routePreviewRequest({ url: 'https://api.example/x', origin, mode: 'cors', clientUrl: page }),
    ).toEqual({ kind: 'network' })
    expect(
      routePreviewRequest({
        url: `${origin}/hello`,
        origin,
        mode: 'cors',
        clientUrl: `${origin}/runner.html?session=s1`,
      }),
    ).toEqual({ kind: 'network' })
  })
})

describe('helpers', () => {
  test('parsePreviewUrl', () => {
    expect(parsePreviewUrl(`${origin}/preview/a%20b/x`, origin)).toEqual({ session: 'a b', path: '/x' })
    expect(parsePreviewUrl(`${origin}/preview/`, origin)).toBeUndefined()
    expect(parsePreviewUrl('http://other/preview/s1/', origin)).toBeUndefined()
  })

  test('isRuntimeFile', () => {
    expect(isRuntimeFile('/runner-ABCDEFGH.js')).toBe(true)
    expect(isRuntimeFile('/runner-chunk-ABCDEFGH.js')).toBe(true)
    expect(isRuntimeFile('/runner.js')).toBe(false)
    expect(isRuntimeFile('/app.js')).toBe(false)
  })

  test('locationInPreview keeps redirects inside the preview', () => {
    expect(locationInPreview('/login', `${origin}/preview/s1/admin`, origin, 's1')).toBe(
      `${origin}/preview/s1/login`,
    )
    expect(locationInPreview(`${origin}/login#x`, `${origin}/preview/s1/admin`, origin, 's1')).toBe(
      `${origin}/preview/s1/login#x`,
    )
    expect(locationInPreview('login', `${origin}/preview/s1/admin`, origin, 's1')).toBe('login')
    expect(locationInPreview('https://elsewhere.example/', `${origin}/preview/s1/`, origin, 's1')).toBe(
      'https://elsewhere.example/',
    )
  })
})
