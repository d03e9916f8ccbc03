import { describe, expect, it } from 'vitest'
import { terminalTheme } from './terminal-theme.ts'

describe('terminalTheme', () => {
  it("takes background, text, cursor and selection from the site's custom properties", () => {
    const vars: Record<string, string> = {
      '--code-bg': ' #161b22',
      '--fg': '#e6edf3',
      '--accent': '#58a6ff',
      '--accent-soft': '#132a45',
    }
    const theme = terminalTheme('dark', (name) => vars[name] ?? '')
    expect(theme).toMatchObject({
      background: '#161b22',
      foreground: '#e6edf3',
      cursor: '#58a6ff',
      cursorAccent: '#161b22',
      selectionBackground: '#132a45',
    })
    expect(theme.red).toBe('#ff7b72')
  })

  it('falls back to the built-in colours when the properties are missing, per theme', () => {
    const light = terminalTheme('light', () => '')
    const dark = terminalTheme('dark', () => '')
    expect(light.background).toBe('#f6f8fa')
    expect(dark.background).toBe('#161b22')
    // All 16 ANSI colours are set in both themes, and differ between them.
    const ansi = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const
    for (const name of ansi) {
      expect(light[name]).toMatch(/^#[0-9a-f]{6}$/)
      expect(dark[name]).toMatch(/^#[0-9a-f]{6}$/)
    }
    expect(light.blue).not.toBe(dark.blue)
  })
})
