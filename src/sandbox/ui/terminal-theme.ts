/**
 * The terminal's colours: its background, text, cursor and selection come from the site's
 * CSS custom properties (the same ones the editor uses), and its 16 ANSI colours are GitHub's
 * terminal palettes, so npm's and tsx's coloured output reads well in both site themes.
 */
import type { ITheme } from '@xterm/xterm'
import type { SiteTheme } from './theme-colors.ts'

const ANSI: Record<
  SiteTheme,
  Omit<ITheme, 'foreground' | 'background' | 'cursor' | 'cursorAccent' | 'selectionBackground'>
> = {
  light: {
    black: '#24292f',
    red: '#cf222e',
    green: '#116329',
    yellow: '#4d2d00',
    blue: '#0969da',
    magenta: '#8250df',
    cyan: '#1b7c83',
    white: '#6e7781',
    brightBlack: '#57606a',
    brightRed: '#a40e26',
    brightGreen: '#1a7f37',
    brightYellow: '#633c01',
    brightBlue: '#218bff',
    brightMagenta: '#a475f9',
    brightCyan: '#3192aa',
    brightWhite: '#8c959f',
  },
  dark: {
    black: '#484f58',
    red: '#ff7b72',
    green: '#3fb950',
    yellow: '#d29922',
    blue: '#58a6ff',
    magenta: '#bc8cff',
    cyan: '#39c5cf',
    white: '#b1bac4',
    brightBlack: '#6e7681',
    brightRed: '#ffa198',
    brightGreen: '#56d364',
    brightYellow: '#e3b341',
    brightBlue: '#79c0ff',
    brightMagenta: '#d2a8ff',
    brightCyan: '#56d4dd',
    brightWhite: '#ffffff',
  },
}

const FALLBACK: Record<SiteTheme, { bg: string; fg: string; accent: string; selection: string }> = {
  light: { bg: '#f6f8fa', fg: '#1f2328', accent: '#0a58ca', selection: '#e7f0fd' },
  dark: { bg: '#161b22', fg: '#e6edf3', accent: '#58a6ff', selection: '#132a45' },
}

/** `readVar("--code-bg")` returns the computed value of a custom property ("" when unset). */
export function terminalTheme(theme: SiteTheme, readVar: (name: string) => string): ITheme {
  const pick = (name: string, fallback: string) => readVar(name).trim() || fallback
  const base = FALLBACK[theme]
  const background = pick('--code-bg', base.bg)
  return {
    ...ANSI[theme],
    background,
    foreground: pick('--fg', base.fg),
    cursor: pick('--accent', base.accent),
    cursorAccent: background,
    selectionBackground: pick('--accent-soft', base.selection),
  }
}
