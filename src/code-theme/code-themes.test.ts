import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { contrastRatio, worstContrast, blend } from './contrast.ts'
import {
  CODE_BACKGROUND,
  CODE_THEMES,
  codeBackgrounds,
  MIN_CODE_CONTRAST,
  monacoTokenRules,
  scopeStyle,
  type CodeTheme,
} from './code-themes.ts'

const themes: CodeTheme[] = ['light', 'dark']

test.each(themes)(
  'every token colour of the %s theme reads at 4.5:1 on the code background and line highlight',
  (theme) => {
    const data = CODE_THEMES[theme]
    expect(data.colors!['editor.background']).toBe(CODE_BACKGROUND[theme])
    const low: string[] = []
    const fg = data.colors!['editor.foreground']!
    if (worstContrast(fg, codeBackgrounds(theme)) < MIN_CODE_CONTRAST) low.push(`editor.foreground ${fg}`)
    for (const rule of data.tokenColors!) {
      const { foreground, background } = rule.settings
      if (!foreground) continue
      const on = background ? [blend(background, CODE_BACKGROUND[theme])] : codeBackgrounds(theme)
      if (worstContrast(foreground, on) < MIN_CODE_CONTRAST) low.push(`${String(rule.scope)} ${foreground}`)
    }
    expect(low).toEqual([])
  },
)

test.each(themes)("Monaco's %s token colours are the adjusted theme's and read at 4.5:1", (theme) => {
  for (const rule of monacoTokenRules(theme)) {
    expect(rule.foreground).toMatch(/^[0-9a-f]{6}$/)
    expect(worstContrast(`#${rule.foreground}`, codeBackgrounds(theme)), rule.token).toBeGreaterThanOrEqual(
      MIN_CODE_CONTRAST,
    )
  }
  const comment = monacoTokenRules(theme).find((r) => r.token === 'comment')!
  expect(`#${comment.foreground}`).toBe(scopeStyle(CODE_THEMES[theme], 'comment').foreground)
})

test('scopes resolve like TextMate: longest selector wins, descendant selectors are skipped', () => {
  const theme = {
    name: 't',
    tokenColors: [
      { scope: 'keyword', settings: { foreground: '#111111' } },
      { scope: ['keyword.operator', 'storage'], settings: { foreground: '#222222' } },
      { scope: 'string variable', settings: { foreground: '#333333' } },
      { scope: 'keyword.operatorx', settings: { foreground: '#444444' } },
    ],
  }
  expect(scopeStyle(theme, 'keyword.control').foreground).toBe('#111111')
  expect(scopeStyle(theme, 'keyword.operator.new').foreground).toBe('#222222')
  expect(scopeStyle(theme, 'variable').foreground).toBeUndefined()
})

test("global.css's --code-bg is the code themes' background (one colour, two files)", () => {
  const css = readFileSync(new URL('../styles/global.css', import.meta.url), 'utf8')
  const light = /:root\s*\{[^}]*--code-bg:\s*(#[0-9a-f]+)/i.exec(css)?.[1]
  const dark = /:root\[data-theme='dark'\]\s*\{[^}]*--code-bg:\s*(#[0-9a-f]+)/i.exec(css)?.[1]
  expect({ light, dark }).toEqual(CODE_BACKGROUND)
  expect(contrastRatio(CODE_BACKGROUND.light, CODE_BACKGROUND.dark)).toBeGreaterThan(10)
})
