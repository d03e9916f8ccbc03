import { expect, test } from 'vitest'
import { jsonTokens } from './json-tokens.ts'

test('tells keys from string values and finds numbers and literals', () => {
  const text = JSON.stringify(
    { message: 'Hello, "Alice"!', n: -1.5e3, ok: true, none: null, list: [1, 'a:b'] },
    null,
    2,
  )
  const tokens = jsonTokens(text)
  expect(tokens.map((t) => t.text).join('')).toBe(text)
  const of = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text)
  expect(of('key')).toEqual(['"message"', '"n"', '"ok"', '"none"', '"list"'])
  expect(of('string')).toEqual(['"Hello, \\"Alice\\"!"', '"a:b"'])
  expect(of('number')).toEqual(['-1500', '1'])
  expect(of('literal')).toEqual(['true', 'null'])
})

test('keeps any text intact, even when it is not JSON', () => {
  for (const text of ['not json at all', '{"a": tru', 'Hello, World!', '']) {
    expect(
      jsonTokens(text)
        .map((t) => t.text)
        .join(''),
    ).toBe(text)
  }
})
