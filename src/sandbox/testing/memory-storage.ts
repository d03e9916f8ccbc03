/**
 * A Web Storage (localStorage) backed by a Map, for unit tests of code that keeps the learner's
 * work in the browser. `refuseWrites` makes it throw on write like a full or private-mode store.
 */
export function memoryStorage(options: { refuseWrites?: boolean } = {}): Storage & {
  data: Map<string, string>
} {
  const data = new Map<string, string>()
  return {
    data,
    get length() {
      return data.size
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => {
      if (options.refuseWrites) throw new DOMException('quota', 'QuotaExceededError')
      data.set(key, String(value))
    },
  }
}
