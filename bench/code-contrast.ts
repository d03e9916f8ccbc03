/**
 * `npm run bench:code-contrast`: the WCAG contrast of every code colour, before and after the
 * course's contrast pass (src/code-theme/), in both themes.
 *
 * Before: Shiki rendered GitHub Light / GitHub Dark on their own backgrounds (#fff, #24292e),
 * and Monaco used a separate hand-picked Primer palette (commit 74a9c8b,
 * src/sandbox/ui/theme-colors.ts) on --code-bg. After: both use CODE_THEMES on --code-bg,
 * checked also on Monaco's current-line highlight (the lower ratio is printed).
 */
import {
  CODE_THEMES,
  codeBackgrounds,
  MIN_CODE_CONTRAST,
  scopeStyle,
  type CodeTheme,
  type ThemeData,
} from '../src/code-theme/code-themes.ts'
import { blend, worstContrast } from '../src/code-theme/contrast.ts'
import githubDark from '@shikijs/themes/github-dark'
import githubLight from '@shikijs/themes/github-light'

const SHIKI_BEFORE: Record<CodeTheme, ThemeData> = {
  light: githubLight as unknown as ThemeData,
  dark: githubDark as unknown as ThemeData,
}
const MONACO_BEFORE: Record<CodeTheme, Record<string, string>> = {
  light: {
    comment: '#57606a',
    keyword: '#cf222e',
    string: '#0a3069',
    number: '#0550ae',
    type: '#953800',
    tag: '#116329',
    attr: '#0550ae',
    fn: '#8250df',
    fg: '#1f2328',
  },
  dark: {
    comment: '#8b949e',
    keyword: '#ff7b72',
    string: '#a5d6ff',
    number: '#79c0ff',
    type: '#ffa657',
    tag: '#7ee787',
    attr: '#79c0ff',
    fn: '#d2a8ff',
    fg: '#e6edf3',
  },
}
const MONACO_BEFORE_BG: Record<CodeTheme, string[]> = {
  light: ['#f6f8fa', blend('#0000000a', '#f6f8fa')],
  dark: ['#161b22', blend('#ffffff0a', '#161b22')],
}

/** What learners see in TypeScript/HTML lessons, with the Monaco colour that stood for each. */
const ROLES: [label: string, scope: string, monaco: string][] = [
  ['plain text', '', 'fg'],
  ['comment', 'comment', 'comment'],
  ['keyword (if, return)', 'keyword.control', 'keyword'],
  ['storage (const, function)', 'storage.type', 'keyword'],
  ['operator', 'keyword.operator', 'keyword'],
  ['string', 'string.quoted', 'string'],
  ['number', 'constant.numeric', 'number'],
  ['constant (true, null)', 'constant.language', 'number'],
  ['function name', 'entity.name.function', 'fn'],
  ['type name', 'entity.name.type', 'type'],
  ['parameter', 'variable.parameter', 'fg'],
  ['variable', 'variable.other.readwrite', 'fg'],
  ['object key', 'meta.object-literal.key', 'fg'],
  ['property', 'variable.other.property', 'fg'],
  ['support (console)', 'support.variable', 'fn'],
  ['HTML tag', 'entity.name.tag', 'tag'],
  ['HTML attribute', 'entity.other.attribute-name', 'attr'],
  ['regexp', 'string.regexp', 'string'],
  ['markdown heading', 'markup.heading', 'keyword'],
]

const fgOf = (theme: ThemeData, scope: string) =>
  (scope && scopeStyle(theme, scope).foreground) || theme.colors!['editor.foreground']!
const ratio = (color: string, bgs: string[]) => worstContrast(color, bgs).toFixed(2).padStart(5)
const flag = (color: string, bgs: string[]) => (worstContrast(color, bgs) < MIN_CODE_CONTRAST ? ' ✗' : '  ')
const cell = (color: string, bgs: string[]) => `${color.padEnd(8)} ${ratio(color, bgs)}${flag(color, bgs)}`

for (const theme of ['light', 'dark'] as const) {
  const before = SHIKI_BEFORE[theme]
  const beforeBg = [before.colors!['editor.background']!.replace(/^#fff$/, '#ffffff')]
  const after = CODE_THEMES[theme]
  const afterBg = codeBackgrounds(theme)
  console.log(
    `\n${theme} theme — before: Shiki on ${beforeBg[0]}, Monaco on ${MONACO_BEFORE_BG[theme].join(' / ')}; after (both): on ${afterBg.join(' / ')}`,
  )
  console.log(
    `${'role'.padEnd(28)}${'Shiki before'.padEnd(18)}${'Monaco before'.padEnd(18)}after (Shiki = Monaco)`,
  )
  for (const [label, scope, monaco] of ROLES) {
    const m = MONACO_BEFORE[theme][monaco]!
    console.log(
      `${label.padEnd(28)}${cell(fgOf(before, scope), beforeBg)}${cell(m, MONACO_BEFORE_BG[theme])}${cell(fgOf(after, scope), afterBg)}`,
    )
  }
  // Every colour a theme can paint text with, not only the common roles above.
  const all = (data: ThemeData, bgs: string[], bg: string) => {
    const colors = new Map<string, number>()
    colors.set(data.colors!['editor.foreground']!, worstContrast(data.colors!['editor.foreground']!, bgs))
    for (const rule of data.tokenColors ?? []) {
      const { foreground, background } = rule.settings
      if (!foreground) continue
      const on = background ? [blend(background, bg)] : bgs
      colors.set(`${foreground}${background ? ` on ${background}` : ''}`, worstContrast(foreground, on))
    }
    return [...colors].sort((a, b) => a[1] - b[1])
  }
  const list = (name: string, rows: [string, number][]) => {
    const failing = rows.filter(([, r]) => r < MIN_CODE_CONTRAST).length
    console.log(`${name}: ${rows.length} colours, ${failing} below ${MIN_CODE_CONTRAST}:1`)
    console.log(
      `  ${rows.map(([c, r]) => `${c} ${r.toFixed(2)}${r < MIN_CODE_CONTRAST ? '✗' : ''}`).join(', ')}`,
    )
  }
  list(`every token colour, Shiki before (${before.name})`, all(before, beforeBg, beforeBg[0]!))
  list(`every token colour, after (${after.name})`, all(after, afterBg, afterBg[0]!))
}
