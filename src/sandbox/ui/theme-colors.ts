/**
 * The editor follows the site's theme: its colours come from the site's CSS custom properties
 * (--code-bg, --fg, --muted, --accent…) and its syntax colours match the GitHub themes Shiki
 * uses for the server-rendered code, so nothing shifts when the editor replaces it.
 */

export type SiteTheme = 'light' | 'dark'

/** Monaco accepts only #rrggbb / #rrggbbaa; computed styles give rgb()/rgba()/color(srgb …). */
export function cssColorToHex(color: string): string | undefined {
  const value = color.trim()
  if (/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(value)) return value.toLowerCase()
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value)
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase()
  const hex = (n: number) =>
    Math.round(Math.min(255, Math.max(0, n)))
      .toString(16)
      .padStart(2, '0')
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(value)
  if (rgb) {
    const alpha =
      rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4])
    return `#${hex(+rgb[1]!)}${hex(+rgb[2]!)}${hex(+rgb[3]!)}${alpha < 1 ? hex(alpha * 255) : ''}`
  }
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\s*\)$/i.exec(value)
  if (srgb) {
    const alpha = srgb[4] === undefined ? 1 : parseFloat(srgb[4])
    return `#${hex(+srgb[1]! * 255)}${hex(+srgb[2]! * 255)}${hex(+srgb[3]! * 255)}${alpha < 1 ? hex(alpha * 255) : ''}`
  }
  return undefined
}

export interface TokenRule {
  token: string
  foreground: string
  fontStyle?: string
}

/**
 * GitHub Light / Dark (what Shiki renders on the server), mapped onto Monaco's Monarch tokens;
 * the server-rendered comments look the same colour to the eye.
 */
export function syntaxRules(theme: SiteTheme): TokenRule[] {
  const c =
    theme === 'dark'
      ? {
          comment: '8b949e',
          keyword: 'ff7b72',
          string: 'a5d6ff',
          number: '79c0ff',
          type: 'ffa657',
          tag: '7ee787',
          attr: '79c0ff',
          fn: 'd2a8ff',
          fg: 'e6edf3',
        }
      : // Comments: GitHub's 6e7781 is 4.4:1 on the code background; 57606a passes 4.5:1.
        {
          comment: '57606a',
          keyword: 'cf222e',
          string: '0a3069',
          number: '0550ae',
          type: '953800',
          tag: '116329',
          attr: '0550ae',
          fn: '8250df',
          fg: '1f2328',
        }
  return [
    { token: 'comment', foreground: c.comment, fontStyle: 'italic' },
    { token: 'keyword', foreground: c.keyword },
    { token: 'string', foreground: c.string },
    { token: 'string.escape', foreground: c.number },
    { token: 'regexp', foreground: c.string },
    { token: 'number', foreground: c.number },
    { token: 'constant', foreground: c.number },
    { token: 'type', foreground: c.type },
    { token: 'type.identifier', foreground: c.type },
    { token: 'identifier', foreground: c.fg },
    { token: 'delimiter', foreground: c.fg },
    { token: 'operator', foreground: c.keyword },
    { token: 'tag', foreground: c.tag },
    { token: 'metatag', foreground: c.tag },
    { token: 'attribute.name', foreground: c.attr },
    { token: 'attribute.value', foreground: c.string },
    { token: 'predefined', foreground: c.fn },
  ]
}
