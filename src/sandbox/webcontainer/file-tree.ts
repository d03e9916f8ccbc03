/**
 * Sandbox files (a flat map of "src/app.ts" → text) as a WebContainer sees them: a mounted
 * tree on first start, then only the changes written through on every edit.
 */
import type { FileSystemTree } from '@webcontainer/api'
import type { SandboxFiles } from '../runtime.ts'

/** The files whose change means `npm install` must run again. */
export const DEPENDENCY_FILES = ['package.json', 'package-lock.json'] as const

export function toFileSystemTree(files: SandboxFiles): FileSystemTree {
  const root: FileSystemTree = {}
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.')
    if (parts.length === 0 || parts.includes('..'))
      throw new Error(`Refusing to mount "${path}": sandbox paths stay inside the sandbox folder.`)
    let dir = root
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} })
      if (!('directory' in node))
        throw new Error(`Cannot mount "${path}": "${part}" is both a file and a folder.`)
      dir = node.directory
    }
    dir[parts.at(-1)!] = { file: { contents } }
  }
  return root
}

export interface FileChanges {
  /** Added or modified, with their new contents. */
  written: SandboxFiles
  removed: string[]
}

export function diffFiles(before: SandboxFiles, after: SandboxFiles): FileChanges {
  const written: SandboxFiles = {}
  for (const [path, contents] of Object.entries(after)) {
    if (before[path] !== contents) written[path] = contents
  }
  const removed = Object.keys(before).filter((path) => !(path in after))
  return { written, removed }
}

const INSTALL_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'overrides',
] as const

/**
 * A fingerprint of what `npm install` depends on; equal fingerprints skip the install. Only
 * the dependency fields of package.json count, so editing "scripts" restarts without
 * reinstalling. A package.json that is not valid JSON counts as a whole (npm will say why).
 */
export function dependencyFingerprint(files: SandboxFiles): string {
  const manifest = files['package.json']
  let deps: unknown = manifest ?? null
  if (manifest !== undefined) {
    try {
      const parsed = JSON.parse(manifest) as Record<string, unknown>
      deps = INSTALL_FIELDS.map((field) => parsed[field] ?? null)
    } catch {
      // keep the raw text
    }
  }
  return JSON.stringify([deps, files['package-lock.json'] ?? null])
}

export function isEmptyChange(changes: FileChanges): boolean {
  return changes.removed.length === 0 && Object.keys(changes.written).length === 0
}
