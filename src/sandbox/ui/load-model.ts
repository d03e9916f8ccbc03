/**
 * The Load panel's numbers, DOM-free: bounds of a run, percentiles, status counts and the
 * latency histogram both runs are drawn on.
 */

export const MAX_REQUESTS = 10_000
export const MAX_CONCURRENCY = 100

export interface LoadOptions {
  requests: number
  concurrency: number
}

/** Whole numbers within the bounds (a typo cannot start a million requests). */
export function clampOptions(requests: number, concurrency: number): LoadOptions {
  const whole = (n: number, min: number, max: number) =>
    Math.min(max, Math.max(min, Math.round(Number.isFinite(n) ? n : min)))
  return { requests: whole(requests, 1, MAX_REQUESTS), concurrency: whole(concurrency, 1, MAX_CONCURRENCY) }
}

export interface LoadSample {
  ms: number
  /** HTTP status, or 0 when the request failed without one. */
  status: number
  /** Answered by the runtime (timeout, restart), not the app. */
  runtime: boolean
}

export interface LoadSummary {
  label: string
  completed: number
  planned: number
  stopped: boolean
  elapsedMs: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  /** "200" → count; runtime answers as e.g. "504 (runtime)", failures as "failed". */
  statuses: [string, number][]
  latencies: number[]
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarize(
  label: string,
  samples: LoadSample[],
  planned: number,
  elapsedMs: number,
  stopped: boolean,
): LoadSummary {
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b)
  const counts = new Map<string, number>()
  for (const s of samples) {
    const key = s.status === 0 ? 'failed' : s.runtime ? `${s.status} (runtime)` : String(s.status)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return {
    label,
    completed: samples.length,
    planned,
    stopped,
    elapsedMs,
    perSecond: elapsedMs > 0 ? (samples.length * 1000) / elapsedMs : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    statuses: [...counts].sort((a, b) => a[0].localeCompare(b[0])),
    latencies,
  }
}

export interface Bucket {
  from: number
  to: number
  count: number
}

/** A "nice" upper bound for an axis: 1, 2 or 5 × a power of ten, at least `value`. */
export function niceCeil(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

/**
 * Counts of latencies in `bins` equal buckets from 0 to `top` (the p99 of both runs, so one slow
 * outlier does not squash the chart); anything above goes in the last bucket.
 */
export function histogram(latencies: number[], top: number, bins = 20): Bucket[] {
  const width = top / bins
  const buckets: Bucket[] = Array.from({ length: bins }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    count: 0,
  }))
  for (const ms of latencies) buckets[Math.min(bins - 1, Math.floor(ms / width))]!.count++
  return buckets
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`
}
