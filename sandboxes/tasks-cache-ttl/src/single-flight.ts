/**
 * Request coalescing ("single flight"): while a load for a key is running, every other caller
 * asking for the same key gets that load's promise instead of starting its own. Ten requests
 * that miss a cold cache at once then cost the database one query, not ten (a stampede). They
 * still all wait for that query: coalescing protects the database, it does not make a miss fast.
 */
export function singleFlight<V>(load: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const running = new Map<string, Promise<V>>()
  return (key) => {
    const inFlight = running.get(key)
    if (inFlight) return inFlight
    // Forget the load once it settles, failed or not: the next caller starts a fresh one.
    const started = load(key).finally(() => running.delete(key))
    running.set(key, started)
    return started
  }
}
