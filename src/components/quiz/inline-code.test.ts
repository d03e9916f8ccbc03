import { expect, test } from 'vitest'
import { inlineCodeHtml } from './inline-code.ts'

test('backticks become inline code and everything else is escaped', () => {
  expect(inlineCodeHtml('Send `POST /hello` with `{"a":1}`')).toBe(
    'Send <code>POST /hello</code> with <code>{&quot;a&quot;:1}</code>',
  )
  expect(inlineCodeHtml('<b>not html</b> & `<tag>`')).toBe(
    '&lt;b&gt;not html&lt;/b&gt; &amp; <code>&lt;tag&gt;</code>',
  )
  expect(inlineCodeHtml('a lone ` stays')).toBe('a lone ` stays')
})
