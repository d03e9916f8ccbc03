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
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
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
    await writeFile(temporary, `${JSON.stringify([...notes, note], null, 2)}\n`)
    await rename(temporary, file)
    return note
  })
  queue = next.catch(() => {}) // a failed write must not block the ones after it
  return next
}
