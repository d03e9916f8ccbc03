/**
 * bench:ai-proxy — what the AI proxy costs. A fake OpenAI-compatible upstream and the course
 * API run in child processes on loopback ports; autocannon sends the same chat completion
 * request straight to the upstream and through the proxy in the same run (plus the proxy's
 * offline demo model, which shows the proxy's own work without the upstream hop), then
 * 100,000 requests through the proxy with its memory read after a full GC along the way.
 *
 * Latency percentiles come from autocannon's per-response times (sub-millisecond), not its
 * histogram (whole milliseconds), since the overhead to measure is about a millisecond.
 * A bare Hono relay with no checks (relay-floor.ts) runs beside them: what the stack itself
 * costs on this machine, the floor under any proxy written on it.
 * Bounded: BENCH_SECONDS (default 8) per run, BENCH_MEMORY_REQUESTS (default 100000) for the
 * memory run, stopped after BENCH_MEMORY_MAX_SECONDS (default 300) whatever the count.
 *
 * Then, unless BENCH_PARTS says otherwise: 1,000 slow streams at once (streams.ts) and Redis
 * killed and restarted under load (redis-restart.ts).
 */
import type { ChildProcess } from 'node:child_process'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { KEY, PROXY_PORT, start, UPSTREAM_PORT } from './children.ts'
import { runRedisRestart } from './redis-restart.ts'
import { runStreams } from './streams.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000)
const MEMORY_MAX_SECONDS = Number(process.env.BENCH_MEMORY_MAX_SECONDS ?? 300)
const DEMO_PORT = 4482
const FLOOR_PORT = 4483
const SITE_PORT = 4484

interface Memory {
  rss: number
  heapUsed: number
  heapTotal: number
}

interface Figures {
  requestsPerSecond: number
  p50: number
  p99: number
  ok: number
  failed: number
}

/** CPU time (user + system) a child has used so far, in microseconds. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => {
      const { user, system } = (message as { cpu: NodeJS.CpuUsage }).cpu
      resolve(user + system)
    })
    child.send('cpu')
  })
}

function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { memory: Memory }).memory))
    child.send('memory')
  })
}

const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, proxy!' }] })

interface Target {
  url: string
  headers: Record<string, string>
}

function load(
  target: Target,
  options: { connections: number; seconds?: number; amount?: number; stopAfterMs?: number },
): Promise<Figures> {
  const times: number[] = []
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
        timeout: 10,
      },
      (err, result) => {
        clearTimeout(stopper)
        if (err) return reject(err)
        times.sort((a, b) => a - b)
        const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN
        resolve({
          requestsPerSecond: result.requests.average,
          p50: at(0.5),
          p99: at(0.99),
          ok: result['2xx'],
          failed: result.errors + result.timeouts + result.non2xx,
        })
      },
    )
    const stopper = options.stopAfterMs ? setTimeout(() => instance.stop(), options.stopAfterMs) : undefined
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 200) times.push(responseTime)
    })
  })
}

const ms = (n: number) => `${n.toFixed(3)} ms`
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
const load1 = () => loadavg()[0]!.toFixed(1)

async function main() {
  const upstream = await start('upstream-server.ts', [String(UPSTREAM_PORT), KEY])
  const proxy = await start(
    'proxy-server.ts',
    [String(PROXY_PORT), `http://127.0.0.1:${UPSTREAM_PORT}/v1`, KEY],
    ['--expose-gc'],
  )
  const demo = await start('proxy-server.ts', [String(DEMO_PORT), '', ''])
  const site = await start('proxy-server.ts', [
    String(SITE_PORT),
    `http://127.0.0.1:${UPSTREAM_PORT}/v1`,
    KEY,
    '',
    'site',
  ])
  const floor = await start('relay-floor.ts', [
    String(FLOOR_PORT),
    `http://127.0.0.1:${UPSTREAM_PORT}/v1`,
    KEY,
  ])
  const direct: Target = {
    url: `http://127.0.0.1:${UPSTREAM_PORT}/v1/chat/completions`,
    headers: { authorization: `Bearer ${KEY}` },
  }
  const proxied: Target = {
    url: `http://127.0.0.1:${PROXY_PORT}/api/openai/v1/chat/completions`,
    headers: { authorization: 'Bearer sandbox' },
  }
  const offline: Target = { ...proxied, url: `http://127.0.0.1:${DEMO_PORT}/api/openai/v1/chat/completions` }
  // As the SDK in a browser sends it: the site compresses what it may.
  const production: Target = {
    url: `http://127.0.0.1:${SITE_PORT}/api/openai/v1/chat/completions`,
    headers: { ...proxied.headers, 'accept-encoding': 'gzip, deflate, br, zstd' },
  }
  const bare: Target = { ...proxied, url: `http://127.0.0.1:${FLOOR_PORT}/api/openai/v1/chat/completions` }
  try {
    console.log(
      `bench:ai-proxy — POST /chat/completions, ${SECONDS} s per run, loopback, Node ${process.version}, ` +
        `load average ${load1()}\n`,
    )
    for (const target of [direct, proxied, production, offline, bare])
      await load(target, { connections: 10, seconds: 2 }) // warm-up

    // CPU time per request is the overhead figure a busy machine cannot distort: latency
    // also counts the time each process waits to be scheduled.
    console.log(
      'run                                         req/s          p50          p99   failed   CPU µs/req (proxy / upstream)',
    )
    const figures = new Map<string, Figures>()
    for (const connections of [1, 10]) {
      for (const [name, target, measured] of [
        ['upstream direct', direct, [undefined, upstream]],
        ['through the proxy', proxied, [proxy, upstream]],
        ['through the course server (npm start)', production, [site, upstream]],
        ['proxy, offline demo (no upstream)', offline, [demo, undefined]],
        ['bare Hono relay, no checks (floor)', bare, [floor, upstream]],
      ] as const) {
        const before = await Promise.all(measured.map((child) => (child ? cpuOf(child) : 0)))
        const f = await load(target, { connections, seconds: SECONDS })
        const after = await Promise.all(measured.map((child) => (child ? cpuOf(child) : 0)))
        const perRequest = after.map((t, i) => (measured[i] ? ((t - before[i]!) / f.ok).toFixed(0) : '-'))
        figures.set(`${name}/${connections}`, f)
        console.log(
          `${`${name}, ${connections} conn`.padEnd(42)} ${f.requestsPerSecond.toFixed(0).padStart(7)} ${ms(f.p50).padStart(12)} ${ms(f.p99).padStart(12)} ${String(f.failed).padStart(8)}   ${perRequest.join(' / ')}`,
        )
      }
    }
    const percent = (a: Figures, b: Figures) =>
      `${((a.requestsPerSecond / b.requestsPerSecond) * 100).toFixed(0)}%`
    for (const connections of [1, 10]) {
      const d = figures.get(`upstream direct/${connections}`)!
      const p = figures.get(`through the proxy/${connections}`)!
      const f = figures.get(`bare Hono relay, no checks (floor)/${connections}`)!
      console.log(
        `overhead at ${connections} conn: p50 +${ms(p.p50 - d.p50)}, p99 +${ms(p.p99 - d.p99)}, ` +
          `throughput ${percent(p, d)} of direct (the bare relay: p50 +${ms(f.p50 - d.p50)}, ${percent(f, d)} of direct; ` +
          `the proxy does ${percent(p, f)} of the bare relay's requests/s)`,
      )
    }

    console.log(
      `\nmemory of the proxy process, ${MEMORY_REQUESTS} requests (10 connections), after a full GC`,
    )
    const readings: [number, Memory][] = [[0, await memoryOf(proxy)]]
    const deadline = Date.now() + MEMORY_MAX_SECONDS * 1000
    let done = 0
    let failed = 0
    const step = MEMORY_REQUESTS / 4
    while (done < MEMORY_REQUESTS && Date.now() < deadline) {
      const run = await load(proxied, { connections: 10, amount: step, stopAfterMs: deadline - Date.now() })
      done += run.ok
      failed += run.failed
      readings.push([done, await memoryOf(proxy)])
    }
    for (const [count, m] of readings) {
      console.log(
        `  after ${String(count).padStart(6)}   rss ${mb(m.rss).padStart(9)}   heap used ${mb(m.heapUsed).padStart(8)}   heap total ${mb(m.heapTotal).padStart(8)}`,
      )
    }
    if (done < MEMORY_REQUESTS) console.log(`  stopped at ${done} requests after ${MEMORY_MAX_SECONDS} s`)
    const first = readings[1]![1]
    const last = readings.at(-1)![1]
    console.log(
      `  failed: ${failed}; heap used from the first reading to the last: ${mb(last.heapUsed - first.heapUsed)}`,
    )
    console.log(`\nload average at the end: ${load1()}`)
  } finally {
    for (const child of [upstream, proxy, site, demo, floor]) child.kill('SIGTERM')
  }
}

// BENCH_PARTS picks parts (default all): throughput (above), streams (streams.ts), redis (redis-restart.ts).
const parts = new Set((process.env.BENCH_PARTS ?? 'throughput,streams,redis').split(',').map((p) => p.trim()))
if (parts.has('throughput')) await main()
if (parts.has('streams')) await runStreams()
if (parts.has('redis')) await runRedisRestart()
