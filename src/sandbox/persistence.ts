/**
 * A learner's edits to a sandbox, saved in the course origin's localStorage so they survive
 * reloads. The runtime runs on the separate sandbox origin, so learner code can never read them.
 *
 * Edits are stamped with the starter's version (a hash of the starter files): when an author
 * updates the starter, the UI notices and lets the learner keep their code or take the new
 * starter. The last code replaced by Reset, Solve or a starter update is kept as an undo
 * snapshot, so no action silently destroys work, even across a reload.
 */
import type { SandboxFiles } from './runtime.ts'
import { cyrb53 } from '../shared/cyrb53.ts'

export interface SavedEdits {
  /** starterVersion() of the starter these edits were made on. */
  starter: string
  /** Only the files the learner can edit (the sandbox's shown files). */
  files: SandboxFiles
  savedAt: string
}

export interface UndoSnapshot {
  files: SandboxFiles
  /** What replaced the learner's code: "Reset", "Solve", "New starter". */
  action: string
  at: string
}

export interface LoadedEdits {
  files: SandboxFiles
  /** The starter changed since these edits were saved. */
  stale: boolean
  savedAt: string
}

export const EDITS_PREFIX = 'course.sandbox.v1:'
const PREFIX = EDITS_PREFIX

/**
 * A short, stable version string for a set of files (cyrb53 over the sorted path/content
 * pairs): cheap to compute at build time and in tests, and any change of any file changes it.
 */
export function starterVersion(files: SandboxFiles): string {
  return cyrb53(
    Object.keys(files)
      .sort()
      .map((path) => `${path}\u0000${files[path]}\u0000`)
      .join(''),
  )
}

export function sameFiles(a: SandboxFiles, b: SandboxFiles): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key])
}

function isFiles(value: unknown): value is SandboxFiles {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((content) => typeof content === 'string')
  )
}

/** Browsers without storage (private modes, disabled cookies) simply keep nothing. */
function safeStorage(storage: Storage | undefined): Storage | undefined {
  try {
    return storage ?? globalThis.localStorage
  } catch {
    return undefined
  }
}

/** Every sandbox's saved code in this browser, by sandbox name (the progress backup). */
export function allSavedEdits(storage: Storage): Record<string, SavedEdits> {
  const out: Record<string, SavedEdits> = {}
  for (const key of storageKeys(storage)) {
    // `<name>:undo`, `<name>:requests`, `<name>:cookies` are kept beside the code, not code.
    if (!key.startsWith(PREFIX) || key.slice(PREFIX.length).includes(':')) continue
    try {
      const value = JSON.parse(storage.getItem(key) ?? '') as Partial<SavedEdits>
      if (typeof value.starter === 'string' && isFiles(value.files))
        out[key.slice(PREFIX.length)] = {
          starter: value.starter,
          files: value.files,
          savedAt: String(value.savedAt ?? ''),
        }
    } catch {
      // unreadable: not code anyone can get back
    }
  }
  return out
}

/** Removes every sandbox's saved code and undo snapshot. */
export function clearAllSavedEdits(storage: Storage): void {
  for (const key of storageKeys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key)
}

/** Replaces every sandbox's saved code with `edits` (undo snapshots of the old code go too). */
export function replaceAllSavedEdits(storage: Storage, edits: Record<string, SavedEdits>): void {
  clearAllSavedEdits(storage)
  for (const [name, record] of Object.entries(edits)) storage.setItem(PREFIX + name, JSON.stringify(record))
}

function storageKeys(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
    (k): k is string => k !== null,
  )
}

export class EditStore {
  readonly #storage: Storage | undefined
  readonly #key: string
  readonly #starter: SandboxFiles
  readonly #version: string

  /**
   * @param name the sandbox name (edits are per sandbox, shared by every lesson embedding it)
   * @param starter the starter's editable files, to compare against and to version with
   */
  constructor(name: string, starter: SandboxFiles, storage?: Storage) {
    this.#storage = safeStorage(storage)
    this.#key = PREFIX + name
    this.#starter = starter
    this.#version = starterVersion(starter)
  }

  get version(): string {
    return this.#version
  }

  /** The learner's saved code, or undefined when there is none (or it is unreadable). */
  load(): LoadedEdits | undefined {
    const saved = this.#read<SavedEdits>(this.#key)
    if (!saved || typeof saved.starter !== 'string' || !isFiles(saved.files)) return undefined
    // Files no longer in the starter cannot be edited any more; new starter files start fresh.
    const files: SandboxFiles = {}
    for (const path of Object.keys(this.#starter)) files[path] = saved.files[path] ?? this.#starter[path]!
    return { files, stale: saved.starter !== this.#version, savedAt: String(saved.savedAt ?? '') }
  }

  /**
   * Saves the learner's code; code equal to the starter removes the record instead, so an
   * untouched sandbox keeps nothing. Returns false when storage refused (quota, private mode).
   */
  save(files: SandboxFiles, now = new Date()): boolean {
    if (sameFiles(files, this.#starter)) return this.#remove(this.#key)
    const record: SavedEdits = { starter: this.#version, files, savedAt: now.toISOString() }
    return this.#write(this.#key, record)
  }

  /** Marks saved code as made on the current starter (the learner chose to keep it). */
  acceptStarter(files: SandboxFiles, now = new Date()): boolean {
    return this.save(files, now)
  }

  clear(): boolean {
    return this.#remove(this.#key)
  }

  /** Keeps the code an action is about to replace, so one click (even after a reload) restores it. */
  keepForUndo(files: SandboxFiles, action: string, now = new Date()): boolean {
    const snapshot: UndoSnapshot = { files, action, at: now.toISOString() }
    return this.#write(`${this.#key}:undo`, snapshot)
  }

  undoSnapshot(): UndoSnapshot | undefined {
    const snapshot = this.#read<UndoSnapshot>(`${this.#key}:undo`)
    if (!snapshot || !isFiles(snapshot.files) || typeof snapshot.action !== 'string') return undefined
    return { files: snapshot.files, action: snapshot.action, at: String(snapshot.at ?? '') }
  }

  dropUndo(): boolean {
    return this.#remove(`${this.#key}:undo`)
  }

  #read<T>(key: string): Partial<T> | undefined {
    try {
      const text = this.#storage?.getItem(key)
      if (!text) return undefined
      const value: unknown = JSON.parse(text)
      return typeof value === 'object' && value !== null ? (value as Partial<T>) : undefined
    } catch {
      return undefined
    }
  }

  #write(key: string, value: unknown): boolean {
    try {
      if (!this.#storage) return false
      this.#storage.setItem(key, JSON.stringify(value))
      return true
    } catch {
      return false
    }
  }

  #remove(key: string): boolean {
    try {
      this.#storage?.removeItem(key)
      return true
    } catch {
      return false
    }
  }
}
