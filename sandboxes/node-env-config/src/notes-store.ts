/**
 * Notes kept in a JSON file with node:fs. Unlike a variable in memory, the file is still
 * there after the server restarts (and after every edit, when `tsx watch` restarts it).
 *
 * Two things every file store must get right, and that a first version usually does not:
 * - Concurrent writes. Adding a note reads the file, changes the list and writes it back. Two
 *   POSTs at once would both read the old list and the second write would drop the first
 *   note. So writes go one at a time through a queue (one process; several processes would
 *   need a real lock, or a database).
 * - Crashes mid-write. Writing the file in place and crashing halfway leaves half a JSON
 *   document, and every later read fails. So each write goes to a temporary file that is then
 *   renamed over the old one: a rename on one file system is atomic, readers see the old file
 *   or the new one, never a mix.
 * - Durability. Atomic is not durable: writeFile returns once the operating system has the
 *   bytes in its cache, and a power cut can still lose them, or persist the rename before the
 *   data, leaving an empty file. So the temporary file is flushed to disk (fsync) before the
 *   rename, and the folder after it, so the rename itself is on disk.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

export interface Note {
  id: number
  text: string
  createdAt: string
}

export async function readNotes(file: string): Promise<Note[]> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Note[]
  } catch (err) {
    // No file yet means no notes yet; any other problem (bad JSON, no permission) is real.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

// The tail of the write queue: each addNote waits for the one before it.
let queue: Promise<unknown> = Promise.resolve()

export function addNote(file: string, text: string): Promise<Note> {
  const next = queue.then(async () => {
    const notes = await readNotes(file)
    const note: Note = {
      id: notes.reduce((max, n) => Math.max(max, n.id), 0) + 1,
      text,
      createdAt: new Date().toISOString(),
    }
    await mkdir(dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    await writeDurably(temporary, `${JSON.stringify([...notes, note], null, 2)}\n`)
    await rename(temporary, file)
    await syncFolder(dirname(file))
    return note
  })
  queue = next.catch(() => {}) // a failed write must not block the ones after it
  return next
}

/** Writes the file and waits until the disk has it (fsync), not just the operating system's cache. */
async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync().catch(unlessUnsupported)
  } finally {
    await handle.close()
  }
}

/** A platform without fsync (some in-browser file systems) has nothing more to flush; other errors are real. */
function unlessUnsupported(err: NodeJS.ErrnoException): void {
  if (!['ENOSYS', 'ENOTSUP', 'EINVAL'].includes(err.code ?? '')) throw err
}

/** fsync on the folder makes a rename in it durable (Linux, macOS); where folders cannot be opened (Windows), skip it. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await handle.close()
  }
}
