import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashInlineScripts } from './inline-script-hashes.ts'

const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('base64')}`

describe('hashInlineScripts', () => {
  it('hashes inline scripts exactly as the browser sees their text', () => {
    const body = '\n  document.documentElement.dataset.theme = "dark"\n'
    expect(hashInlineScripts(`<head><script>${body}</script></head>`)).toEqual([sha(body)])
  })

  it('skips external scripts, JSON data blocks and empty scripts', () => {
    const html =
      '<script src="/_astro/a.js"></script><script type="module" src="/b.js"></script>' +
      '<script type="application/json">{"a":1}</script><script></script><script type="module">run()</script>'
    expect(hashInlineScripts(html)).toEqual([sha('run()')])
  })
})
