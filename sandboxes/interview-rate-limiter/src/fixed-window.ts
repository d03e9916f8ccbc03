/**
 * A fixed-window counter: at most `limit` hits per key in each window of `windowMs` (windows
 * start at multiples of windowMs). In one process, a Map; across instances the same logic runs
 * in Redis (INCR the key, EXPIRE it with the window) so every instance shares the count.
 */
export interface Verdict {
  allowed: boolean
  remaining: number
  /** Seconds until the current window ends and the count starts again. */
  resetSeconds: number
}

export function fixedWindow(limit: number, windowMs: number, now: () => number = Date.now) {
  const counts = new Map<string, { window: number; hits: number }>()

  return function hit(key: string): Verdict {
    const time = now()
    const window = Math.floor(time / windowMs)
    const entry = counts.get(key)
    const current = entry && entry.window === window ? entry : { window, hits: 0 }
    current.hits++
    counts.set(key, current)
    // Forget old windows now and then, so the Map does not grow with every key ever seen.
    if (counts.size > 10_000) for (const [k, v] of counts) if (v.window !== window) counts.delete(k)
    const resetSeconds = Math.ceil(((window + 1) * windowMs - time) / 1000)
    return { allowed: current.hits <= limit, remaining: Math.max(0, limit - current.hits), resetSeconds }
  }
}
