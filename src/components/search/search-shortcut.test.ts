import { describe, expect, it } from 'vitest'
import { opensSearch } from './search-shortcut.ts'

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
})
const page = { editable: false, inCodeEditor: false }
const field = { editable: true, inCodeEditor: false }
const editor = { editable: true, inCodeEditor: true }
// Monaco 0.57 in Chromium: input through EditContext on a plain <div>, not editable by the DOM's measure.
const editContextEditor = { editable: false, inCodeEditor: true }

describe('opensSearch', () => {
  it('opens on / outside text fields only', () => {
    expect(opensSearch(key('/'), page)).toBe(true)
    expect(opensSearch(key('/'), field)).toBe(false)
    expect(opensSearch(key('/'), editor)).toBe(false)
    expect(opensSearch(key('/'), editContextEditor)).toBe(false)
  })
  it('opens on Ctrl+K and Cmd+K, also from a text field, but not inside the code editor', () => {
    expect(opensSearch(key('k', { ctrlKey: true }), page)).toBe(true)
    expect(opensSearch(key('K', { metaKey: true }), field)).toBe(true)
    expect(opensSearch(key('k', { ctrlKey: true }), editor)).toBe(false)
  })
  it('ignores other keys and modified slashes', () => {
    expect(opensSearch(key('k'), page)).toBe(false)
    expect(opensSearch(key('/', { ctrlKey: true }), page)).toBe(false)
    expect(opensSearch(key('/', { altKey: true }), page)).toBe(false)
    expect(opensSearch(key('k', { ctrlKey: true, shiftKey: true }), page)).toBe(false)
  })
})
