/**
 * Counters and a histogram, written out in the Prometheus text format (version 0.0.4), the
 * format Prometheus, Grafana Agent and OpenTelemetry collectors scrape. A real app would use
 * the prom-client package; this is the same idea in a page you can read.
 */
type Labels = Record<string, string>

const key = (labels: Labels) =>
  Object.entries(labels)
    .map(
      ([name, value]) =>
        `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',')

/** A number that only goes up (requests served, errors), one per combination of labels. */
export class Counter {
  readonly name: string
  readonly help: string
  #values = new Map<string, number>()

  constructor(name: string, help: string) {
    this.name = name
    this.help = help
  }

  inc(labels: Labels, by = 1): void {
    const k = key(labels)
    this.#values.set(k, (this.#values.get(k) ?? 0) + by)
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`]
    for (const [k, v] of this.#values) lines.push(`${this.name}{${k}} ${v}`)
    return lines.join('\n')
  }
}

/**
 * Counts observations into buckets ("how many requests took at most 0.05 s?"). Percentiles
 * such as p99 are computed from the buckets by the monitoring system, across all instances.
 */
export class Histogram {
  readonly name: string
  readonly help: string
  readonly buckets: number[]
  #counts: number[]
  #sum = 0
  #count = 0

  // Upper bounds in seconds; a request of 0.03 s counts in every bucket from 0.05 up.
  constructor(name: string, help: string, buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]) {
    this.name = name
    this.help = help
    this.buckets = buckets
    this.#counts = buckets.map(() => 0)
  }

  observe(seconds: number): void {
    this.buckets.forEach((le, i) => {
      if (seconds <= le) this.#counts[i]!++
    })
    this.#sum += seconds
    this.#count++
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`]
    this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket{le="${le}"} ${this.#counts[i]}`))
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.#count}`)
    lines.push(`${this.name}_sum ${this.#sum}`, `${this.name}_count ${this.#count}`)
    return lines.join('\n')
  }
}
