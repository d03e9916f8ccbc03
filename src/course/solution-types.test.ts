// Every exercise's solution type-checks as the learner will have it: its solution/ files laid
// over the starter (a solution file imports starter files it does not replace, which the
// project's tsconfig cannot resolve from solution/, so tsconfig.json leaves solution/ out and
// this test checks each overlay instead).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSandboxes } from './sandbox-loader.ts'
import { REPO_ROOT, typeCheckVirtual, type VirtualFile } from './virtual-typecheck.ts'

describe('exercise solutions', () => {
  it('type-check, strict, laid over their starter files', async () => {
    const files = new Map<string, VirtualFile>()
    const sandboxes = (await loadSandboxes()).filter((s) => s.solution)
    expect(sandboxes.length).toBeGreaterThan(0)
    for (const sandbox of sandboxes) {
      const overlay = { ...sandbox.files, ...sandbox.solution }
      for (const [path, code] of Object.entries(overlay)) {
        if (!/\.tsx?$/.test(path)) continue
        const fromSolution = sandbox.solution![path] !== undefined
        // Only the solution's own files: the starter's are checked by astro check where they are.
        if (!fromSolution) continue
        files.set(join(REPO_ROOT, '.solution-overlays', sandbox.name, path), {
          code,
          where: (line) => `sandboxes/${sandbox.name}/solution/${path}:${line + 1}`,
        })
      }
      // The starter files the solution imports, at the same virtual place.
      for (const [path, code] of Object.entries(overlay)) {
        const at = join(REPO_ROOT, '.solution-overlays', sandbox.name, path)
        if (/\.tsx?$/.test(path) && !files.has(at))
          files.set(at, { code, where: (line) => `sandboxes/${sandbox.name}/${path}:${line + 1}` })
      }
    }
    expect(typeCheckVirtual(files)).toEqual([])
  }, 120_000)
})
