/**
 * The site's colour custom properties (global.css) keep the contrast docs/accessibility.md
 * promises, so a panel built from them is readable by construction: every text colour at
 * 4.5:1 (WCAG AA) on every surface it may sit on, in both themes.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { contrastRatio } from '../code-theme/contrast.ts'

const css = readFileSync(new URL('./global.css', import.meta.url), 'utf8')
function tokens(selector: RegExp): Record<string, string> {
  const body = selector.exec(css)?.[1] ?? ''
  return Object.fromEntries(
    [...body.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2]]),
  )
}
const THEMES = {
  light: tokens(/:root\s*\{([^}]*)\}/),
  dark: tokens(/:root\[data-theme='dark'\]\s*\{([^}]*)\}/),
}

/** [text, background] pairs that must reach 4.5:1. Keep in step with docs/accessibility.md. */
const PAIRS: [string, string][] = [
  ...['fg', 'muted', 'accent', 'success', 'danger', 'warning'].flatMap((fg) =>
    ['bg', 'surface', 'code-bg'].map((bg): [string, string] => [fg, bg]),
  ),
  ...['fg', 'muted', 'accent'].flatMap((fg) =>
    ['surface-2', 'accent-soft'].map((bg): [string, string] => [fg, bg]),
  ),
  ['accent-fg', 'accent'],
  // Badges and check marks: --bg on a status colour.
  ['bg', 'success'],
  ['bg', 'danger'],
]

test.each(Object.keys(THEMES) as (keyof typeof THEMES)[])(
  '%s theme: every documented text/background pair reads at 4.5:1',
  (theme) => {
    const t = THEMES[theme]
    const low = PAIRS.filter(([fg, bg]) => {
      expect(t[fg], `--${fg}`).toMatch(/^#/)
      expect(t[bg], `--${bg}`).toMatch(/^#/)
      return contrastRatio(t[fg]!, t[bg]!) < 4.5
    }).map(([fg, bg]) => `--${fg} on --${bg}: ${contrastRatio(t[fg]!, t[bg]!).toFixed(2)}`)
    expect(low).toEqual([])
  },
)
