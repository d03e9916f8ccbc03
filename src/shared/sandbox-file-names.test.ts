import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { contentHash } from '../../scripts/build-sandbox-origin.ts'
import { HASH_LENGTH, HASH_SUFFIX } from './sandbox-file-names.ts'

const hashedWorker = new RegExp(`^worker${HASH_SUFFIX}\\.js$`)

describe('the hashed file names the sandbox origin recognises', () => {
  it("match the names esbuild's [hash] gives the runner's and the worker's bundles", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hashed-names-'))
    writeFileSync(join(dir, 'worker.js'), 'console.log("worker")\n')
    const result = await build({
      entryPoints: [join(dir, 'worker.js')],
      entryNames: '[name]-[hash]',
      outdir: join(dir, 'out'),
      write: false,
      logLevel: 'silent',
    })
    const name = basename(result.outputFiles[0]!.path)
    expect(name).toMatch(hashedWorker)
  })

  it('match the names the build gives vendored packages and PGlite files (contentHash)', () => {
    const hash = contentHash('export const x = 1')
    expect(hash).toHaveLength(HASH_LENGTH)
    expect(`worker-${hash}.js`).toMatch(hashedWorker)
  })
})
