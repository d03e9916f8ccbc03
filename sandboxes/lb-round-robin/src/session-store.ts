// Where sessions live. The interface is what a Redis client gives you too (get/set with a
// lifetime), so swapping the in-memory Map for Redis changes this file only.
export interface SessionStore {
  get(token: string): Promise<string | undefined>
  set(token: string, userId: string, ttlSeconds: number): Promise<void>
}

export function memoryStore(): SessionStore {
  const sessions = new Map<string, { userId: string; expires: number }>()
  return {
    async get(token) {
      const entry = sessions.get(token)
      if (!entry || entry.expires < Date.now()) return undefined
      return entry.userId
    },
    async set(token, userId, ttlSeconds) {
      sessions.set(token, { userId, expires: Date.now() + ttlSeconds * 1000 })
    },
  }
}
