/**
 * Finds the TypeScript code blocks of lessons, so a test can type-check each one against the
 * real packages (the course's rule: every snippet runs or type-checks). A block is one module.
 * ` ```ts file="src/tasks.ts" ` names the file a block is, so blocks of one lesson can import
 * each other (`./tasks.ts`) like the files of a small project. Node only.
 */

export interface LessonSnippet {
  /** Line of the opening fence in the lesson file (1-based). */
  line: number
  lang: 'ts' | 'tsx'
  /** The `file="…"` of the fence, or undefined for a stand-alone block. */
  file: string | undefined
  code: string
}

const FENCE = /^([ \t]*)(`{3,})(ts|tsx|typescript)\b([^\n]*)\n/gm

export function findLessonSnippets(source: string): LessonSnippet[] {
  const snippets: LessonSnippet[] = []
  for (const match of source.matchAll(FENCE)) {
    const [opening, indent, ticks, lang, meta] = match as unknown as [string, string, string, string, string]
    const start = match.index + opening.length
    const close = new RegExp(`^${indent}${ticks}[ \\t]*$`, 'm').exec(source.slice(start))
    if (!close) continue
    const code = source
      .slice(start, start + close.index)
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
    snippets.push({
      line: source.slice(0, match.index).split('\n').length,
      lang: lang === 'tsx' ? 'tsx' : 'ts',
      file: /\bfile="([^"]+)"/.exec(meta)?.[1],
      code,
    })
  }
  return snippets
}
