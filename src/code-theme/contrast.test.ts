import { expect, test } from 'vitest'
import { blend, contrastRatio, ensureContrast, parseHex, worstContrast } from './contrast.ts'

test("contrast ratios match WCAG (and the figures code-themes.ts gives for GitHub's colours)", () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
  expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
  expect(contrastRatio('#e36209', '#ffffff')).toBeCloseTo(3.48, 1)
  expect(contrastRatio('#6a737d', '#24292e')).toBeCloseTo(3.04, 1)
  expect(contrastRatio('#fff', '#000')).toBe(contrastRatio('#000000', '#ffffff'))
})

test('blends a translucent colour over its background', () => {
  expect(blend('#00000080', '#ffffff')).toBe('#7f7f7f')
  expect(blend('#ff0000', '#ffffff')).toBe('#ff0000')
  expect(() => parseHex('red')).toThrow(/not a hex colour/)
})

test('ensureContrast keeps passing colours and moves failing ones just far enough, keeping the hue', () => {
  expect(ensureContrast('#0a3069', ['#ffffff'], 4.5)).toBe('#0a3069')
  const darker = ensureContrast('#e36209', ['#ffffff', '#f6f8fa'], 4.5)
  expect(worstContrast(darker, ['#ffffff', '#f6f8fa'])).toBeGreaterThanOrEqual(4.5)
  expect(worstContrast(darker, ['#ffffff', '#f6f8fa'])).toBeLessThan(4.7)
  const [r, g, b] = parseHex(darker)
  expect(r).toBeGreaterThan(g)
  expect(g).toBeGreaterThan(b)
  const lighter = ensureContrast('#6a737d', ['#24292e'], 4.5)
  expect(contrastRatio(lighter, '#24292e')).toBeGreaterThanOrEqual(4.5)
  expect(parseHex(lighter)[0]).toBeGreaterThan(0x6a)
})
