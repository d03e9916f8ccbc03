/**
 * Build-time (Node): the exact versions a sandbox's dependencies run with in the course, for
 * the downloaded project's package.json (src/sandbox/share/download-project.ts). A sandbox with
 * its own package-lock.json is installed from it (WebContainers); every other sandbox runs
 * against the course's own node_modules (`check:sandboxes`, Vitest), so the root lockfile says.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Lockfile {
  packages?: Record<string, { version?: string }>
}

const lockfiles = new Map<string, Lockfile>()

function readLock(path: string): Lockfile {
  let lock = lockfiles.get(path)
  if (!lock) {
    lock = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Lockfile) : {}
    lockfiles.set(path, lock)
  }
  return lock
}

/** Dependency name → exact version, for the dependencies and devDependencies of `manifest`. */
export function lockedVersions(
  sandboxDir: string,
  manifest: string | undefined,
  rootLock = join(process.cwd(), 'package-lock.json'),
): Record<string, string> {
  if (!manifest) return {}
  const parsed = JSON.parse(manifest) as Record<string, Record<string, string> | undefined>
  const own = join(sandboxDir, 'package-lock.json')
  const lock = readLock(existsSync(own) ? own : rootLock)
  const versions: Record<string, string> = {}
  for (const name of Object.keys({ ...parsed.dependencies, ...parsed.devDependencies })) {
    const version = lock.packages?.[`node_modules/${name}`]?.version
    if (version) versions[name] = version
  }
  return versions
}
