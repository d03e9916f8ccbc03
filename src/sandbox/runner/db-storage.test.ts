import { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { readTar } from './db-storage.ts'

describe('readTar', () => {
  it("reads PGlite's own data directory dump: every directory and file, with its bytes", async () => {
    const pg = await PGlite.create()
    await pg.exec("CREATE TABLE t (x text); INSERT INTO t VALUES ('kept')")
    const tar = new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer())
    await pg.close()

    const entries = readTar(tar)
    const byPath = new Map(entries.map((e) => [e.path, e]))
    const version = byPath.get('/PG_VERSION')
    expect(version?.kind).toBe('file')
    expect(new TextDecoder().decode(version?.kind === 'file' ? version.data : undefined).trim()).toMatch(
      /^\d+$/,
    )
    expect(byPath.get('/base')?.kind).toBe('dir')
    expect(byPath.get('/global/pg_control')?.kind).toBe('file')
    // Parents come before their children, as MemfsFrontendFS needs them.
    const seen = new Set<string>()
    for (const e of entries) {
      const parent = e.path.slice(0, e.path.lastIndexOf('/'))
      if (parent) expect(seen.has(parent)).toBe(true)
      seen.add(e.path)
    }
    // The dump itself is what new databases start from: it loads, with its row.
    const again = await PGlite.create({ loadDataDir: new Blob([tar]) })
    expect((await again.query<{ x: string }>('SELECT x FROM t')).rows).toEqual([{ x: 'kept' }])
    await again.close()
    const total = entries.reduce((n, e) => n + (e.kind === 'file' ? e.data.length : 0), 0)
    expect(total).toBeGreaterThan(1_000_000)
  }, 120_000)
})
