/**
 * The course's code colours, one source for the server-rendered code (Shiki, astro.config.mjs
 * and <Sandbox>'s static code) and the Monaco editor: GitHub Light / GitHub Dark, drawn on the
 * site's code background, with every token colour moved just far enough to read at WCAG AA
 * (4.5:1) there and on the editor's current-line highlight. GitHub's own colours fall short:
 * light variables #e36209 are 3.4:1, dark comments #6a737d 3.0:1.
 *
 * `npm run bench:code-contrast` prints every colour's ratio before and after.
 */
import githubDark from '@shikijs/themes/github-dark-default'
import githubLight from '@shikijs/themes/github-light-default'
import { blend, ensureContrast } from './contrast.ts'

export type CodeTheme = 'light' | 'dark'

/** WCAG AA for normal-size text. */
export const MIN_CODE_CONTRAST = 4.5
/** Colours are moved to this, so rounding in another contrast checker (axe) cannot drop them below 4.5. */
const TARGET = 4.6

/** The code background: global.css's --code-bg must be the same (code-themes.test.ts checks it). */
export const CODE_BACKGROUND: Record<CodeTheme, string> = { light: '#f6f8fa', dark: '#161b22' }
/** Monaco's current-line highlight, painted over the code background. */
export const LINE_HIGHLIGHT: Record<CodeTheme, string> = { light: '#0000000a', dark: '#ffffff0a' }

/** Every background code text is drawn on, per theme. */
export function codeBackgrounds(theme: CodeTheme): string[] {
  return [CODE_BACKGROUND[theme], blend(LINE_HIGHLIGHT[theme], CODE_BACKGROUND[theme])]
}

interface TokenSettings {
  foreground?: string
  background?: string
  fontStyle?: string
}
/** What this module reads of a VS Code / Shiki theme (Shiki's ThemeRegistration has it). */
export interface ThemeData {
  name?: string
  colors?: Record<string, string>
  tokenColors?: { scope?: string | string[]; settings: TokenSettings }[]
}
/** A theme as Shiki takes it (astro.config.mjs, <Code themes>). */
export type ShikiTheme = typeof githubLight

/** The original GitHub themes, before this pass. */
export const GITHUB_THEMES: Record<CodeTheme, ShikiTheme> = { light: githubLight, dark: githubDark }

function adjust(theme: CodeTheme): ShikiTheme {
  const source = GITHUB_THEMES[theme]
  const backgrounds = codeBackgrounds(theme)
  const fit = (fg: string, bg?: string) =>
    ensureContrast(fg, bg ? [blend(bg, CODE_BACKGROUND[theme])] : backgrounds, TARGET)
  const colors = { ...source.colors }
  colors['editor.background'] = CODE_BACKGROUND[theme]
  colors['editor.foreground'] = fit(colors['editor.foreground'] ?? (theme === 'dark' ? '#e1e4e8' : '#24292e'))
  return {
    ...source,
    name: `course-${theme}`,
    colors,
    tokenColors: (source.tokenColors ?? []).map((rule) => ({
      ...rule,
      settings: {
        ...rule.settings,
        ...(rule.settings.foreground
          ? { foreground: fit(rule.settings.foreground, rule.settings.background) }
          : {}),
      },
    })),
  }
}

/** The themes Shiki renders with and Monaco's colours come from. */
export const CODE_THEMES: Record<CodeTheme, ShikiTheme> = { light: adjust('light'), dark: adjust('dark') }

/**
 * The colour a theme gives a TextMate scope, as TextMate picks it: the longest matching selector
 * (`keyword` matches `keyword.operator`), the later rule on a tie. Descendant selectors
 * ("string variable") need the scope stack, which Monaco's tokens do not have: skipped.
 */
export function scopeStyle(theme: ThemeData, scope: string): TokenSettings {
  let best: TokenSettings = {}
  let bestLength = -1
  for (const rule of theme.tokenColors ?? []) {
    const selectors = (Array.isArray(rule.scope) ? rule.scope : (rule.scope ?? '').split(',')).map((s) =>
      s.trim(),
    )
    for (const selector of selectors) {
      if (!selector || selector.includes(' ')) continue
      if ((scope === selector || scope.startsWith(`${selector}.`)) && selector.length >= bestLength) {
        best = rule.settings
        bestLength = selector.length
      }
    }
  }
  return best
}

export interface MonacoTokenRule {
  token: string
  foreground: string
  fontStyle?: string
}

/** Monaco's Monarch token names (TypeScript, HTML, CSS, Markdown grammars) and the TextMate scope each stands for. */
const MONARCH_SCOPES: [token: string, scope: string | undefined][] = [
  ['comment', 'comment'],
  ['keyword', 'keyword'],
  ['string', 'string'],
  ['string.escape', 'constant.character.escape'],
  ['regexp', 'string.regexp'],
  ['number', 'constant.numeric'],
  ['constant', 'constant'],
  ['type', 'entity.name.type'],
  ['type.identifier', 'entity.name.type'],
  ['identifier', undefined],
  ['delimiter', undefined],
  ['operator', 'keyword.operator'],
  ['tag', 'entity.name.tag'],
  ['metatag', 'entity.name.tag'],
  ['attribute.name', 'entity.other.attribute-name'],
  ['attribute.value', 'string'],
  ['predefined', 'support.function'],
  ['variable', 'variable'],
]

/** Monaco's token colours for a theme, from the same adjusted theme Shiki renders with. */
export function monacoTokenRules(theme: CodeTheme): MonacoTokenRule[] {
  const data = CODE_THEMES[theme]
  const fg = data.colors!['editor.foreground']!
  return MONARCH_SCOPES.map(([token, scope]) => {
    const style = scope ? scopeStyle(data, scope) : {}
    return {
      token,
      foreground: (style.foreground ?? fg).replace(/^#/, ''),
      ...(style.fontStyle ? { fontStyle: style.fontStyle } : {}),
    }
  })
}
