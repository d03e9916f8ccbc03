import { describe, expect, it } from 'vitest'
import { clampOptions, histogram, niceCeil, percentile, summarize } from './load-model.ts'

describe('load model', () => {
  it('keeps runs within 10,000 requests and 100 at once', () => {
    expect(clampOptions(1e9, 5000)).toEqual({ requests: 10_000, concurrency: 100 })
    expect(clampOptions(0, -3)).toEqual({ requests: 1, concurrency: 1 })
    expect(clampOptions(Number.NaN, 2.6)).toEqual({ requests: 1, concurrency: 3 })
  })

  it('computes nearest-rank percentiles, throughput and status counts', () => {
    const samples = Array.from({ length: 100 }, (_, i) => ({
      ms: i + 1,
      status: i < 90 ? 200 : i < 98 ? 500 : 504,
      runtime: i >= 98,
    }))
    const s = summarize('This run', samples, 100, 2000, false)
    expect([s.p50, s.p95, s.p99, s.max]).toEqual([50, 95, 99, 100])
    expect(s.perSecond).toBe(50)
    expect(s.statuses).toEqual([
      ['200', 90],
      ['500', 8],
      ['504 (runtime)', 2],
    ])
    expect(percentile([], 50)).toBe(0)
  })

  it('buckets latencies up to a nice top, outliers in the last bucket', () => {
    expect(niceCeil(37)).toBe(50)
    expect(niceCeil(0.3)).toBe(0.5)
    const buckets = histogram([1, 2, 19, 25, 1000], 20, 4)
    expect(buckets.map((b) => b.count)).toEqual([2, 0, 0, 3])
    expect(buckets[1]).toMatchObject({ from: 5, to: 10 })
  })
})
