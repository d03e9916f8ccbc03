/**
 * The props `<Sandbox>` accepts, checked in two places with the same rules: the MDX plugin
 * (which knows the lesson file and line) and Sandbox.astro itself (for .astro pages).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface SandboxProps {
  /** Folder name under sandboxes/, e.g. "hello-hono". */
  name: string
  /** The file to open first, when not the one sandbox.json opens (must be a shown file). */
  open?: string
}

export const SANDBOX_PROP_NAMES = ['name', 'open'] as const

const USAGE = '<Sandbox name="hello-hono" /> (optional: open="src/app.ts")'

/** Problems with the given props, each naming what was received and what was expected. */
export function checkSandboxProps(props: Record<string, unknown>, knownNames: readonly string[]): string[] {
  const problems: string[] = []
  for (const key of Object.keys(props)) {
    if (!(SANDBOX_PROP_NAMES as readonly string[]).includes(key)) {
      problems.push(
        `unknown prop "${key}": <Sandbox> accepts ${SANDBOX_PROP_NAMES.join(' and ')}, e.g. ${USAGE}`,
      )
    }
  }
  const { name, open } = props
  if (name === undefined) problems.push(`missing prop "name": expected ${USAGE}`)
  else if (typeof name !== 'string') problems.push(`prop "name" must be a string, received ${describe(name)}`)
  else if (!knownNames.includes(name)) {
    problems.push(
      `no sandbox named "${name}": expected one of ${knownNames.map((n) => `"${n}"`).join(', ') || '(none: sandboxes/ is empty)'}${suggest(name, knownNames)}`,
    )
  }
  if (open !== undefined && typeof open !== 'string')
    problems.push(`prop "open" must be a file path string, received ${describe(open)}`)
  return problems
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return `"${value}"`
  if (typeof value === 'object') return `an ${Array.isArray(value) ? 'array' : 'object'}`
  return `${typeof value} ${String(value)}`
}

/** " (did you mean "hello-hono"?)" for a near miss. */
function suggest(name: string, knownNames: readonly string[]): string {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of knownNames) {
    const d = editDistance(name, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4))
    ? ` (did you mean "${best}"?)`
    : ''
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

/** Sandbox folder names: folders under sandboxes/ with a sandbox.json. */
export function sandboxNames(root = process.cwd()): string[] {
  const dir = join(root, 'sandboxes')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'sandbox.json')))
    .map((entry) => entry.name)
    .sort()
}
