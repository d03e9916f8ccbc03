/**
 * Where the DB worker keeps a sandbox's Postgres files in the sandbox origin's OPFS: PGlite's
 * own `memfs2opfs` file system (Postgres runs on a MEMFS; changed files are written out after
 * each statement), with a layered store under it, because OPFS costs a few milliseconds per
 * file and a new data directory has ~1000 of them (writing them took 5 s, reading them back
 * on a reload 2 s):
 *
 *   <dataDir>/base.tar      the data directory the database started from: the one initdb made at
 *                           build time (scripts/build-sandbox-origin.ts), stored as one file
 *   <dataDir>/files/…       every file Postgres changed or created since, whole
 *   <dataDir>/removed.json  files of base.tar that Postgres deleted since
 *
 * Opening reads base.tar, then the changed files over it. The first write of a file that is
 * still only in base.tar writes it whole (base bytes plus the change); later writes go to it
 * directly, as PGlite's OPFS backend does (WAL first, pg_control last).
 */
import { MemfsFrontendFS, type ChangeSet, type StorageEntry } from '@electric-sql/pglite/memfs-frontend'
import { OpfsBackend } from '@electric-sql/pglite/memfs2opfs'

const READ_CONCURRENCY = 32
const BASE = 'base.tar'
const REMOVED = 'removed.json'

async function opfsDirectory(path: string, create: boolean): Promise<FileSystemDirectoryHandle> {
  let dir = await navigator.storage.getDirectory()
  for (const part of path.split('/').filter(Boolean)) dir = await dir.getDirectoryHandle(part, { create })
  return dir
}

/** Removes a stored data directory (one whose database was never fully set up). */
export async function removeStoredDataDir(path: string): Promise<void> {
  const parts = path.split('/').filter(Boolean)
  const name = parts.pop()
  if (!name) return
  const parent = await opfsDirectory(parts.join('/'), true)
  await parent.removeEntry(name, { recursive: true }).catch((err: DOMException) => {
    if (err.name !== 'NotFoundError') throw err
  })
}

/** Whether a stored data directory has the layered layout (older ones are PGlite's plain one). */
export async function isLayered(path: string): Promise<boolean> {
  try {
    await (await opfsDirectory(path, true)).getFileHandle(BASE)
    return true
  } catch {
    return false
  }
}

async function writeWhole(dir: FileSystemDirectoryHandle, name: string, data: Uint8Array) {
  const handle = await dir.getFileHandle(name, { create: true })
  const access = await (
    handle as unknown as {
      createSyncAccessHandle(): Promise<{
        truncate(n: number): void
        write(d: Uint8Array, o: { at: number }): number
        flush(): void
        close(): void
      }>
    }
  ).createSyncAccessHandle()
  try {
    access.truncate(0)
    access.write(data, { at: 0 })
    access.flush()
  } finally {
    access.close()
  }
}

/** The entries of an uncompressed ustar archive, as PGlite's dumpDataDir('none') writes it. */
export function readTar(tar: Uint8Array): StorageEntry[] {
  const entries: StorageEntry[] = []
  const text = (from: number, length: number) => {
    const bytes = tar.subarray(from, from + length)
    const end = bytes.indexOf(0)
    return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end))
  }
  let at = 0
  while (at + 512 <= tar.length && tar[at] !== 0) {
    const prefix = text(at + 345, 155)
    const name = text(at, 100)
    const path = `/${`${prefix ? `${prefix}/` : ''}${name}`.replace(/^\/+|\/+$/g, '')}`
    const size = parseInt(text(at + 124, 12).trim() || '0', 8)
    const mtime = parseInt(text(at + 136, 12).trim() || '0', 8) * 1000
    const type = String.fromCharCode(tar[at + 156]!)
    if (type === '5') entries.push({ kind: 'dir', path })
    else if (type === '0' || type === '\0')
      entries.push({ kind: 'file', path, data: tar.slice(at + 512, at + 512 + size), mtime })
    else throw new Error(`unexpected entry type "${type}" for ${path} in the database archive`)
    at += 512 + Math.ceil(size / 512) * 512
  }
  return entries
}

class LayeredOpfsBackend extends OpfsBackend {
  readonly root: string
  #base: Uint8Array | undefined
  #dir!: FileSystemDirectoryHandle
  /** Files of base.tar not yet copied to files/: their base bytes, for their first write. */
  #baseOnly = new Map<string, Uint8Array>()
  /** Every path of base.tar that was not deleted since. */
  #inBase = new Set<string>()
  #removed = new Set<string>()

  /** `base`: a new database's data directory (a tar), stored as base.tar at init. */
  constructor(root: string, base?: Uint8Array) {
    super(`${root}/files`)
    this.root = root
    this.#base = base
  }

  override async init() {
    await super.init()
    this.#dir = await opfsDirectory(this.root, true)
    if (this.#base) await writeWhole(this.#dir, BASE, this.#base)
  }

  override async *load(): AsyncGenerator<StorageEntry> {
    const base =
      this.#base ??
      new Uint8Array(await (await (await this.#dir.getFileHandle(BASE)).getFile()).arrayBuffer())
    this.#base = undefined
    try {
      const removed = await (await this.#dir.getFileHandle(REMOVED)).getFile()
      for (const path of JSON.parse(await removed.text()) as string[]) this.#removed.add(path)
    } catch (err) {
      if ((err as DOMException).name !== 'NotFoundError') throw err
    }
    const entries = new Map<string, StorageEntry>()
    for (const entry of readTar(base)) {
      if (this.#removed.has(entry.path)) continue
      entries.set(entry.path, entry)
      this.#inBase.add(entry.path)
      if (entry.kind === 'file') this.#baseOnly.set(entry.path, entry.data)
    }
    for (const entry of await this.#loadChanged()) {
      entries.set(entry.path, entry)
      this.#baseOnly.delete(entry.path)
    }
    const all = [...entries.values()]
    // Parents before children, as MemfsFrontendFS expects.
    yield* all.filter((e) => e.kind === 'dir').sort((a, b) => depth(a.path) - depth(b.path))
    yield* all.filter((e) => e.kind === 'file')
  }

  /** files/, read concurrently (one OPFS round trip per file). */
  async #loadChanged(): Promise<StorageEntry[]> {
    const dirs: StorageEntry[] = []
    const files: { path: string; handle: FileSystemFileHandle }[] = []
    const walk = async (dir: FileSystemDirectoryHandle, path: string) => {
      const children: Promise<void>[] = []
      for await (const [name, handle] of (
        dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries()) {
        const child = `${path}/${name}`
        if (handle.kind === 'directory') {
          dirs.push({ kind: 'dir', path: child })
          children.push(walk(handle as FileSystemDirectoryHandle, child))
        } else files.push({ path: child, handle: handle as FileSystemFileHandle })
      }
      await Promise.all(children)
    }
    await walk(await opfsDirectory(this.dataDir, true), '')
    const loaded: StorageEntry[] = new Array(files.length)
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, async () => {
        while (next < files.length) {
          const i = next++
          const file = await files[i]!.handle.getFile()
          loaded[i] = {
            kind: 'file',
            path: files[i]!.path,
            data: new Uint8Array(await file.arrayBuffer()),
            mtime: file.lastModified,
          }
        }
      }),
    )
    return [...dirs, ...loaded]
  }

  override async apply(changes: ChangeSet, options: { relaxedDurability: boolean }) {
    let removedChanged = false
    for (const op of changes.ops) {
      if (op.op !== 'remove') continue
      for (const path of [...this.#inBase]) {
        if (path === op.path || path.startsWith(`${op.path}/`)) {
          this.#inBase.delete(path)
          this.#baseOnly.delete(path)
          this.#removed.add(path)
          removedChanged = true
        }
      }
    }
    // Recorded before the removals are applied: a flush cut short never brings a file back.
    if (removedChanged)
      await writeWhole(this.#dir, REMOVED, new TextEncoder().encode(JSON.stringify([...this.#removed])))
    // A file still only in base.tar is written whole the first time.
    const whole = (file: ChangeSet['files']['data'][number]) => {
      const base = this.#baseOnly.get(file.path)
      if (!base || file.full) return file
      const data = new Uint8Array(file.size)
      data.set(base.subarray(0, Math.min(base.length, file.size)))
      for (const chunk of file.chunks) data.set(chunk.data, chunk.at)
      return { ...file, full: true, truncate: true, chunks: [{ at: 0, data }] }
    }
    const { wal, data, control } = changes.files
    await super.apply(
      {
        ops: changes.ops,
        files: { wal: wal.map(whole), data: data.map(whole), control: control.map(whole) },
      },
      options,
    )
    for (const group of [wal, data, control]) for (const file of group) this.#baseOnly.delete(file.path)
  }
}

function depth(path: string) {
  return path.split('/').length
}

/** PGlite's MEMFS file system over the layered store. `base`: a new database's data directory. */
export class SandboxDbFs extends MemfsFrontendFS {
  readonly dataDir: string

  constructor(dataDir: string, base?: Uint8Array) {
    super(new LayeredOpfsBackend(dataDir, base))
    this.dataDir = dataDir
  }
}
