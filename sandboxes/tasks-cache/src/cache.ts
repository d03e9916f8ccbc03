/**
 * A cache in this process's memory: a Map of key → value with an expiry time. Fast (no
 * network), but each server instance has its own, and a restart empties it. Redis is the same
 * idea shared by every instance (topic 6).
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; storedAt: number }>()
  private readonly ttlMs: number

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs
  }

  /** The value and its age in seconds, or undefined when missing or expired. */
  get(key: string, now = Date.now()): { value: T; ageSeconds: number } | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (now - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key)
      return undefined
    }
    return { value: entry.value, ageSeconds: Math.floor((now - entry.storedAt) / 1000) }
  }

  set(key: string, value: T, now = Date.now()) {
    this.entries.set(key, { value, storedAt: now })
  }

  delete(key: string) {
    this.entries.delete(key)
  }
}
