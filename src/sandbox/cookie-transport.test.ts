import { describe, expect, test } from 'vitest'
import {
  COOKIE_MIRROR,
  cookieHeaderOf,
  readableHeaders,
  SET_COOKIE_MIRROR,
  setCookiesOf,
  toAppHeaders,
  toPageHeaders,
} from './cookie-transport.ts'

describe('cookies across the browser boundary', () => {
  test("the runtime turns the page's mirrored Cookie back into Cookie for the app", () => {
    expect(
      toAppHeaders([
        ['accept', '*/*'],
        [COOKIE_MIRROR, 'session=s1; theme=dark'],
      ]),
    ).toEqual([
      ['accept', '*/*'],
      ['cookie', 'session=s1; theme=dark'],
    ])
    expect(toAppHeaders([['cookie', 'a=1']])).toEqual([['cookie', 'a=1']])
  })

  test("the app's Set-Cookie headers reach the page folded into one mirror, each cookie whole", () => {
    const folded = toPageHeaders([
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
      ['set-cookie', 'b=2; HttpOnly'],
    ])
    expect(folded).toEqual([
      ['content-type', 'text/plain'],
      [SET_COOKIE_MIRROR, '["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT","b=2; HttpOnly"]'],
    ])
    const headers = new Headers(folded)
    expect(setCookiesOf(headers)).toEqual(['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2; HttpOnly'])
    expect(readableHeaders(headers)).toEqual([
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
      ['set-cookie', 'b=2; HttpOnly'],
    ])
  })

  test('real headers are read as they are (Node), and a foreign mirror value means no cookies', () => {
    const headers = new Headers([
      ['set-cookie', 'a=1'],
      ['cookie', 'c=3'],
    ])
    expect(setCookiesOf(headers)).toEqual(['a=1'])
    expect(cookieHeaderOf(headers)).toBe('c=3')
    expect(setCookiesOf(new Headers({ [SET_COOKIE_MIRROR]: 'not json' }))).toEqual([])
    expect(toPageHeaders([['x', '1']])).toEqual([['x', '1']])
  })
})
