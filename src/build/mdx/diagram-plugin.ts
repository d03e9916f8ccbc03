/**
 * Build-time (Node): an mdast plugin for the lessons' MDX that turns every ```mermaid fence
 * into an inline SVG diagram (the DIAGRAM contract), where the file and line are known. A fence
 * without alt="…", or whose Mermaid does not read, fails the build:
 *
 *   content/lessons/03-…/01-web-and-application-servers.mdx:42:1: mermaid diagram: missing alt="…": …
 *   content/lessons/03-…/01-web-and-application-servers.mdx:45:1: mermaid diagram: could not read "A -> B": …
 *
 * The fence becomes `<Diagram svg="…" alt="…" />` (Diagram.astro), which lesson pages provide.
 */
import { createHash } from 'node:crypto'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MdastPluginDefinition } from 'satteri'
import { lintMermaid } from './mermaid-lint.ts'
import { renderDiagram } from './render-diagram.ts'

export class DiagramError extends Error {
  override name = 'DiagramError'
}

interface CodeNode {
  lang?: string | null
  meta?: string | null
  value: string
  position?: { start: { line: number; column: number } }
}

/** `alt="…"` or `alt='…'` from a fence's info string; undefined when there is none. */
export function readAlt(meta: string | null | undefined): string | undefined {
  const match = /(?:^|\s)alt=(?:"([^"]*)"|'([^']*)')/.exec(meta ?? '')
  return match ? (match[1] ?? match[2] ?? '').trim() : undefined
}

const ALT_HELP =
  'write ```mermaid alt="…"``` with a sentence that says what the diagram shows, for readers who cannot see it'

export function diagramPlugin(options: { root?: string } = {}): MdastPluginDefinition {
  const root = options.root ?? process.cwd()
  const fileOf = (fileURL: URL | undefined) =>
    fileURL ? relative(root, fileURLToPath(fileURL)) : '(unknown MDX file)'

  return {
    name: 'course-diagrams',
    options: { position: true },
    code(node, ctx) {
      const code = node as unknown as CodeNode
      if (code.lang !== 'mermaid') return
      const start = code.position?.start ?? { line: 0, column: 0 }
      const file = fileOf(ctx.fileURL)
      const fail = (line: number, message: string): never => {
        throw new DiagramError(`${file}:${line}:${start.column}: mermaid diagram: ${message}`)
      }
      const alt = readAlt(code.meta)
      if (alt === undefined) fail(start.line, `missing alt="…": ${ALT_HELP}`)
      if (!alt) fail(start.line, `alt="" is empty: ${ALT_HELP}`)
      const problems = lintMermaid(code.value)
      if (problems.length) {
        // The source starts on the line after the opening fence.
        const lines = problems.map((p) => `${file}:${start.line + p.line}:1: mermaid diagram: ${p.message}`)
        throw new DiagramError(lines.join('\n'))
      }
      const id = `diagram-${createHash('sha256').update(code.value).digest('hex').slice(0, 8)}-${start.line}`
      let svg: string
      try {
        svg = renderDiagram(code.value, alt!, id).svg
      } catch (err) {
        return fail(
          start.line,
          `the diagram could not be drawn: ${err instanceof Error ? err.message : String(err)}`,
        )
      }
      ctx.replaceNode(node, {
        type: 'mdxJsxFlowElement',
        name: 'Diagram',
        attributes: [
          { type: 'mdxJsxAttribute', name: 'svg', value: svg },
          { type: 'mdxJsxAttribute', name: 'alt', value: alt! },
        ],
        children: [],
      } as never)
    },
  }
}
