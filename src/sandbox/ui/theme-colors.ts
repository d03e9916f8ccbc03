/**
 * The editor follows the site's theme: its colours come from the site's CSS custom properties
 * (--code-bg, --fg, --muted, --accent…) and its syntax colours are the ones Shiki uses for the
 * server-rendered code (src/code-theme/), so nothing shifts when the editor replaces it.
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

/** Monaco's token colours: the course's code themes (src/code-theme/), shared with Shiki. */
export { monacoTokenRules as syntaxRules } from '../../code-theme/code-themes.ts'
