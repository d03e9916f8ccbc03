/**
 * Notes kept in a JSON file with node:fs. Unlike a variable in memory, the file is still
 * there after the server restarts (and after every edit, when `tsx watch` restarts it).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
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

export async function addNote(file: string, text: string): Promise<Note> {
  const notes = await readNotes(file)
  const note: Note = {
    id: notes.reduce((max, n) => Math.max(max, n.id), 0) + 1,
    text,
    createdAt: new Date().toISOString(),
  }
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify([...notes, note], null, 2)}\n`)
  return note
}
