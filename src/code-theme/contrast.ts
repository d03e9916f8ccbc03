/**
 * WCAG 2.x contrast: relative luminance, contrast ratio, and a pass that moves a colour's
 * lightness (keeping its hue and saturation) until it reads at a given ratio on every
 * background it is drawn on. Used at build time for Shiki's themes and in the browser for
 * Monaco's, so both get the same colours (see code-themes.ts).
 */

export type Rgb = [number, number, number]

/** Parses #rgb, #rrggbb and #rrggbbaa (alpha ignored: callers blend first with `blend`). */
export function parseHex(hex: string): Rgb {
  let h = hex.trim().replace(/^#/, '')
  if (h.length === 3 || h.length === 4) h = [...h.slice(0, 3)].map((c) => c + c).join('')
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) throw new Error(`not a hex colour: "${hex}"`)
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** The alpha of #rrggbbaa (1 for opaque forms). */
export function alphaOf(hex: string): number {
  const h = hex.trim().replace(/^#/, '')
  if (h.length === 8) return parseInt(h.slice(6), 16) / 255
  if (h.length === 4) return parseInt(h[3]! + h[3]!, 16) / 255
  return 1
}

/** A translucent colour (#rrggbbaa) painted over an opaque background, as the screen shows it. */
export function blend(over: string, background: string): string {
  const a = alphaOf(over)
  const top = parseHex(over)
  const bottom = parseHex(background)
  return toHex(top.map((v, i) => v * a + bottom[i]! * (1 - a)) as Rgb)
}

export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as Rgb
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

type Hsl = [number, number, number]

function toHsl([r, g, b]: Rgb): Hsl {
  const [rr, gg, bb] = [r / 255, g / 255, b / 255]
  const max = Math.max(rr, gg, bb)
  const min = Math.min(rr, gg, bb)
  const l = (max + min) / 2
  if (max === min) return [0, 0, l]
  const d = max - min
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
  const h =
    max === rr
      ? ((gg - bb) / d + (gg < bb ? 6 : 0)) / 6
      : max === gg
        ? ((bb - rr) / d + 2) / 6
        : ((rr - gg) / d + 4) / 6
  return [h, s, l]
}

function fromHsl([h, s, l]: Hsl): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255]
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s
  const p = 2 * l - q
  const channel = (t: number) => {
    const tt = t < 0 ? t + 1 : t > 1 ? t - 1 : t
    if (tt < 1 / 6) return p + (q - p) * 6 * tt
    if (tt < 1 / 2) return q
    if (tt < 2 / 3) return p + (q - p) * (2 / 3 - tt) * 6
    return p
  }
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255]
}

/** The lowest contrast of a colour over several backgrounds (the one it is hardest to read on). */
export function worstContrast(color: string, backgrounds: readonly string[]): number {
  return Math.min(...backgrounds.map((bg) => contrastRatio(color, bg)))
}

/**
 * The colour itself when it already reads at `min` on every background; otherwise the nearest
 * colour of the same hue and saturation that does: darker on light backgrounds, lighter on
 * dark ones (the direction is taken from the first background). Like Expressive Code's
 * `minSyntaxHighlightingColorContrast`, but checked against every background given.
 */
export function ensureContrast(color: string, backgrounds: readonly string[], min: number): string {
  const hex = toHex(parseHex(color))
  if (worstContrast(hex, backgrounds) >= min) return hex
  const darken = luminance(backgrounds[0]!) > 0.18
  const [h, s, l] = toHsl(parseHex(hex))
  for (let step = 1; step <= 200; step++) {
    const lightness = darken ? l - (l * step) / 200 : l + ((1 - l) * step) / 200
    const candidate = toHex(fromHsl([h, s, lightness]))
    if (worstContrast(candidate, backgrounds) >= min) return candidate
  }
  return darken ? '#000000' : '#ffffff'
}
