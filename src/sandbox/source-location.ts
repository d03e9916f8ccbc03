/**
 * Maps stack traces and messages from the app worker back to the learner's files: module URLs
 * (blob: URLs) become sandbox paths such as "src/app.ts", and frames of vendored or runtime
 * code are dropped, so a learner sees `src/app.ts:7:11`, never generated code. Lines are
 * exact because sucrase keeps them; columns can be off on lines whose imports were rewritten.
 */

export interface SourceLocation {
  file: string
  line: number
  column?: number
}

/** Module URL → sandbox path. */
export type ModulePaths = ReadonlyMap<string, string>

const FRAME_POSITION = /^:(\d+)(?::(\d+))?/

/** The first frame of a stack that is in a learner file. */
export function locateInStack(stack: string | undefined, paths: ModulePaths): SourceLocation | undefined {
  if (!stack) return undefined
  for (const line of stack.split('\n')) {
    const location = locateInLine(line, paths)
    if (location) return location
  }
  return undefined
}

function locateInLine(line: string, paths: ModulePaths): SourceLocation | undefined {
  for (const [url, file] of paths) {
    const at = line.indexOf(url)
    if (at < 0) continue
    const position = FRAME_POSITION.exec(line.slice(at + url.length))
    if (!position) continue
    return { file, line: Number(position[1]), ...(position[2] ? { column: Number(position[2]) } : {}) }
  }
  return undefined
}

/** Replaces module URLs in any text (error messages name the module that failed) with sandbox paths. */
export function replaceModuleUrls(text: string, paths: ModulePaths): string {
  let out = text
  for (const [url, file] of paths) out = out.split(url).join(file)
  return out
}

/**
 * A stack trace with only the learner's frames, paths instead of URLs:
 * "    at handler (src/app.ts:7:11)". Empty when no frame is the learner's.
 */
export function learnerFrames(stack: string | undefined, paths: ModulePaths): string[] {
  if (!stack) return []
  return stack
    .split('\n')
    .filter((line) => locateInLine(line, paths))
    .map((line) => `    ${replaceModuleUrls(line.trim(), paths).replace(/^(?!at )/, 'at ')}`)
}
