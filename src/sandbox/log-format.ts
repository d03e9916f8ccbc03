/**
 * Formats `console.log(...)` arguments into one line of text the way Node's console roughly
 * does (`%s %d %i %f %j %o %O %c`, strings as-is, objects inspected with a depth limit), so
 * the course console shows what a learner expects from Node. Pure code, used in the worker.
 */

const MAX_LENGTH = 10_000

export function formatLogArgs(
  args: readonly unknown[],
  formatError: (err: Error) => string = defaultError,
): string {
  const parts: string[] = []
  let rest = args
  if (typeof args[0] === 'string' && /%[sdifjoOc%]/.test(args[0])) {
    let i = 1
    const head = args[0].replace(/%([sdifjoOc%])/g, (match, spec: string) => {
      if (spec === '%') return '%'
      if (i >= args.length) return match
      const value = args[i++]
      switch (spec) {
        case 's':
          return typeof value === 'string' ? value : inspect(value, formatError, 1)
        case 'd':
        case 'i':
          return typeof value === 'object'
            ? 'NaN'
            : String(spec === 'i' ? Math.trunc(Number(value)) : Number(value))
        case 'f':
          return String(Number(value))
        case 'j':
          try {
            return JSON.stringify(value)
          } catch {
            return '[Circular]'
          }
        case 'c':
          return '' // CSS styling has no meaning in a text console
        default:
          return inspect(value, formatError, 4)
      }
    })
    parts.push(head)
    rest = args.slice(i)
  }
  for (const value of rest) parts.push(typeof value === 'string' ? value : inspect(value, formatError, 2))
  const text = parts.join(' ')
  return text.length > MAX_LENGTH
    ? `${text.slice(0, MAX_LENGTH)}… (${text.length - MAX_LENGTH} more characters)`
    : text
}

function defaultError(err: Error): string {
  return err.stack ?? `${err.name}: ${err.message}`
}

/** A compact, Node-like rendering: { a: 1, b: [ 1, 2 ] }, 'strings' quoted inside objects. */
export function inspect(
  value: unknown,
  formatError: (err: Error) => string = defaultError,
  depth = 2,
): string {
  const seen = new Set<object>()
  const walk = (v: unknown, level: number): string => {
    if (typeof v === 'string') return level === 0 ? v : `'${v.replace(/'/g, "\\'")}'`
    if (typeof v === 'bigint') return `${v}n`
    if (typeof v === 'symbol') return v.toString()
    if (typeof v === 'function') return `[Function: ${v.name || '(anonymous)'}]`
    if (v === null || typeof v !== 'object') return String(v)
    if (v instanceof Error) return level === 0 ? formatError(v) : `[${v.name}: ${v.message}]`
    if (seen.has(v)) return '[Circular]'
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()
    if (v instanceof RegExp) return String(v)
    if (typeof Request !== 'undefined' && v instanceof Request)
      return `Request { method: '${v.method}', url: '${v.url}' }`
    if (typeof Response !== 'undefined' && v instanceof Response) return `Response { status: ${v.status} }`
    if (level > depth) return Array.isArray(v) ? '[Array]' : '[Object]'
    seen.add(v)
    try {
      if (Array.isArray(v)) {
        const items = v.slice(0, 100).map((x) => walk(x, level + 1))
        if (v.length > 100) items.push(`... ${v.length - 100} more items`)
        return items.length ? `[ ${items.join(', ')} ]` : '[]'
      }
      if (v instanceof Map)
        return `Map(${v.size}) { ${[...v].map(([k, x]) => `${walk(k, level + 1)} => ${walk(x, level + 1)}`).join(', ')} }`
      if (v instanceof Set) return `Set(${v.size}) { ${[...v].map((x) => walk(x, level + 1)).join(', ')} }`
      const entries = Object.entries(v).map(
        ([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${walk(x, level + 1)}`,
      )
      const name = Object.getPrototypeOf(v)?.constructor?.name
      const prefix = name && name !== 'Object' ? `${name} ` : ''
      return entries.length ? `${prefix}{ ${entries.join(', ')} }` : `${prefix}{}`
    } finally {
      seen.delete(v)
    }
  }
  return walk(value, 0)
}
