/**
 * Build-time (Node): Mermaid source → inline SVG for a lesson, with beautiful-mermaid (pure
 * TypeScript, no browser or DOM). Colours are CSS variables that diagram.css sets from the
 * site's theme, so one SVG follows the light/dark toggle without JavaScript. The renderer's own
 * <style> is dropped: it would load a web font from another host (which the CSP blocks) and its
 * rules would apply to every SVG on the page; diagram.css carries the same variables, scoped.
 */
import { renderMermaidSVG } from 'beautiful-mermaid'
import { escapeHtml } from '../../components/quiz/inline-code.ts'

export interface RenderedDiagram {
  svg: string
  width: number
  height: number
}

/**
 * Renders `source` with `alt` as its text alternative (role="img" named by its <title>). `id`
 * prefixes every id inside the SVG (arrow markers), so two diagrams on a page never share one.
 */
export function renderDiagram(source: string, alt: string, id: string): RenderedDiagram {
  const raw = renderMermaidSVG(source, { bg: 'var(--bg)', fg: 'var(--fg)', transparent: true })
  const open = /^<svg\b[^>]*>/.exec(raw)
  if (!open) throw new Error('the renderer returned no SVG')
  const width = Number(/\bwidth="([\d.]+)"/.exec(open[0])?.[1] ?? 0)
  const height = Number(/\bheight="([\d.]+)"/.exec(open[0])?.[1] ?? 0)
  const viewBox = /\bviewBox="([^"]+)"/.exec(open[0])?.[1] ?? `0 0 ${width} ${height}`
  const body = raw
    .slice(open[0].length)
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/\bid="([^"]+)"/g, (_, name: string) => `id="${id}-${name}"`)
    .replace(/url\(#([^)]+)\)/g, (_, name: string) => `url(#${id}-${name})`)
    .replace(/\n{2,}/g, '\n')
  const round = (n: number) => Math.round(n * 100) / 100
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="${round(width)}" height="${round(height)}" role="img" aria-labelledby="${id}-title" focusable="false">` +
    `<title id="${id}-title">${escapeHtml(alt)}</title>${body}`
  return { svg, width: round(width), height: round(height) }
}
