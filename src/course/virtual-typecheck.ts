/**
 * Test-time (Node): type-checks files that exist only in memory (a lesson's code blocks, a
 * sandbox's solution laid over its starter) with the project's tsconfig, strict, against the real
 * packages in node_modules. Each file is placed at a path inside the repository so that module
 * resolution finds node_modules as a real project file would. Returns one line per problem,
 * located by the caller's `where` (e.g. "content/lessons/…/x.mdx:42" or "sandboxes/x/solution/src/app.ts:3").
 */
import { join, resolve } from 'node:path'
import ts from 'typescript'

export interface VirtualFile {
  code: string
  /** Where a problem on (0-based) `line` of this file is, for the person who wrote it. */
  where(line: number): string
}

const root = resolve(import.meta.dirname, '../..')

export function typeCheckVirtual(files: Map<string, VirtualFile>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  // skipLibCheck: the packages' own .d.ts files are not ours to check, and checking them triples the time.
  const options: ts.CompilerOptions = {
    ...config!.options,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
  }
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  host.readFile = (f) => files.get(f)?.code ?? readFile(f)
  host.fileExists = (f) => files.has(f) || fileExists(f)
  // The virtual folders exist only here; module resolution asks before looking for files.
  const directoryExists = host.directoryExists?.bind(host)
  host.directoryExists = (d) =>
    [...files.keys()].some((f) => f.startsWith(`${d}/`)) || (directoryExists?.(d) ?? true)
  host.getSourceFile = (f, lang, ...rest) => {
    const v = files.get(f)
    return v ? ts.createSourceFile(f, v.code, lang, true) : getSourceFile(f, lang, ...rest)
  }
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host })
  return ts.getPreEmitDiagnostics(program).flatMap((d) => {
    const v = d.file && files.get(d.file.fileName)
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
    if (!v || d.start === undefined) return d.file ? [] : [text] // errors in packages are not ours
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start)
    return [`${v.where(line)}: ${text}`]
  })
}

/** The repository root, where virtual files are placed (under a folder of the caller's choosing). */
export const REPO_ROOT = root
