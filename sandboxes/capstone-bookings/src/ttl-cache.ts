/**
 * A time-to-live cache: each entry expires `ttlMs` after it was stored. Bounded in size, so a
 * flood of different keys cannot eat the process's memory (the oldest entry goes first).
 * Per instance: with four instances there are four caches, each stale on its own schedule.
 */
export class TtlCache<V> {
  readonly ttlMs: number
  readonly maxEntries: number
  #entries = new Map<string, { value: V; expires: number }>()

  constructor(ttlMs: number, maxEntries = 1_000) {
    this.ttlMs = ttlMs
    this.maxEntries = maxEntries
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expires <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key) // re-inserting moves it to the end: Map keeps insertion order
    this.#entries.set(key, { value, expires: Date.now() + this.ttlMs })
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }
}
