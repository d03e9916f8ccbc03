// Where sessions live. The interface is what a Redis client gives you too (get/set with a
// lifetime), so moving sessions out of the instance changes this file only.
export interface SessionStore {
  get(token: string): Promise<string | undefined>
  set(token: string, userId: string, ttlSeconds: number): Promise<void>
}

/**
 * The store each instance uses. A Map in the instance's own memory: a session made on
 * instance a does not exist on instance b.
 *
 * The fix: every instance uses ONE store that all of them reach over the network (in
 * production Redis or the database; here the sessions service), i.e.
 *   return httpStore('http://sessions')
 */
export function instanceSessions(): SessionStore {
  return memoryStore()
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

/** A store in another service (sessions.ts), reached over HTTP like Redis over its protocol. */
export function httpStore(baseUrl: string): SessionStore {
  return {
    async get(token) {
      const res = await fetch(`${baseUrl}/sessions/${encodeURIComponent(token)}`)
      if (res.status === 404) return undefined
      if (!res.ok) throw new Error(`the session store answered ${res.status}`)
      return ((await res.json()) as { userId: string }).userId
    },
    async set(token, userId, ttlSeconds) {
      const res = await fetch(`${baseUrl}/sessions/${encodeURIComponent(token)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId, ttlSeconds }),
      })
      if (!res.ok) throw new Error(`the session store answered ${res.status}`)
    },
  }
}
