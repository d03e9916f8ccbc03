import { expect, test } from 'vitest'
import { cssColorToHex, syntaxRules } from './theme-colors.ts'

test('converts the colour forms getComputedStyle returns into Monaco hex', () => {
  expect(cssColorToHex('#F6F8FA')).toBe('#f6f8fa')
  expect(cssColorToHex('#abc')).toBe('#aabbcc')
  expect(cssColorToHex('rgb(22, 27, 34)')).toBe('#161b22')
  expect(cssColorToHex('rgba(175, 184, 193, 0.25)')).toBe('#afb8c140')
  expect(cssColorToHex('rgb(10 88 202 / 50%)')).toBe('#0a58ca80')
  expect(cssColorToHex('color(srgb 1 0.5 0)')).toBe('#ff8000')
  expect(cssColorToHex('rgba(0, 0, 0, 1)')).toBe('#000000')
  expect(cssColorToHex('var(--x)')).toBeUndefined()
  expect(cssColorToHex('')).toBeUndefined()
})

test('syntax colours differ per theme and use hex without #', () => {
  const light = syntaxRules('light')
  const dark = syntaxRules('dark')
  expect(light.find((r) => r.token === 'comment')?.foreground).not.toBe(
    dark.find((r) => r.token === 'comment')?.foreground,
  )
  for (const rule of [...light, ...dark]) expect(rule.foreground).toMatch(/^[0-9a-f]{6}$/)
})
