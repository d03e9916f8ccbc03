/**
 * Turns one learner file into JavaScript a browser can import: TypeScript and JSX through
 * sucrase (small and fast, and it keeps every line where it was, so a stack trace's line is
 * the learner's line), JSON into `export default <json>`. Runs in the runner page.
 */
import { transform, type Transform } from 'sucrase'

/** A learner mistake located in the learner's file (1-based line and column). */
export class SandboxCodeError extends Error {
  override name = 'SandboxCodeError'
  readonly file: string
  readonly line: number | undefined
  readonly column: number | undefined
  constructor(message: string, file: string, line?: number, column?: number) {
    super(message)
    this.file = file
    this.line = line
    this.column = column
  }
}

const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.json'] as const

export function isModulePath(path: string): boolean {
  return MODULE_EXTENSIONS.some((ext) => path.endsWith(ext))
}

function transformsFor(path: string): Transform[] {
  if (path.endsWith('.tsx')) return ['typescript', 'jsx']
  if (path.endsWith('.ts') || path.endsWith('.mts')) return ['typescript']
  if (path.endsWith('.jsx')) return ['jsx']
  return []
}

export interface TranspileOptions {
  /** Where JSX comes from; Hono's own JSX by default (server-rendered HTML in a Hono app). */
  jsxImportSource?: string
}

export function transpileModule(path: string, source: string, options: TranspileOptions = {}): string {
  if (path.endsWith('.json')) {
    try {
      JSON.parse(source)
    } catch (err) {
      throw new SandboxCodeError(`${path} is not valid JSON: ${(err as Error).message}`, path)
    }
    // JSON is a JavaScript expression, so the lines stay where they were.
    return `export default ${source.trim() || 'null'};`
  }
  // Plain JavaScript goes through sucrase too (with no transforms): its parser reports syntax
  // errors with a line and column, which the browser's module loader would not.
  const transforms = transformsFor(path)
  try {
    return transform(source, {
      transforms,
      filePath: path,
      jsxRuntime: 'automatic',
      jsxImportSource: options.jsxImportSource ?? 'hono/jsx',
      production: true,
      // Browsers run modern syntax; only strip types and JSX.
      disableESTransforms: true,
    }).code
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } }
    // sucrase appends " (line:column)" and may prefix "Error transforming <file>: "; we report those separately.
    const message = e.message.replace(/^Error transforming [^:]+: /, '').replace(/ \(\d+:\d+\)$/, '')
    throw new SandboxCodeError(`SyntaxError: ${message}`, path, e.loc?.line, e.loc?.column)
  }
}
