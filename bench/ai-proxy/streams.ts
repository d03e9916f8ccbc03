/**
 * bench:ai-proxy, part 2 — many slow streams at once. A fake upstream writes every answer
 * slowly (20 pieces, one every 500 ms: about 10 s); BENCH_STREAMS
 * (default 1000) streaming chat completions are opened through the proxy at once and read to
 * the end. Meanwhile `/api/health` is asked every 200 ms (its latency is the figure for "the
 * server keeps answering"), the proxy's memory is read, and 50 more streams are opened and
 * dropped after their first piece: the upstream must see each of those cut off.
 */
import type { ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { KEY, postChat, PROXY_PORT, quantile, start, UPSTREAM_PORT } from './children.ts'

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000)
const DROPPED = 50

interface Memory {
  rss: number
  heapUsed: number
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: unknown) => {
      if (reply && typeof reply === 'object' && key in reply) {
        child.off('message', listener)
        resolve((reply as Record<string, T>)[key]!)
      }
    }
    child.on('message', listener)
    child.send(message)
  })
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
const body = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Tell me a long story.' }],
  stream: true,
})

interface StreamResult {
  ok: boolean
  ms: number
  pieces: number
}

/** One streamed answer read to the end (or dropped after its first piece). */
function stream(drop = false): Promise<StreamResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    const req = postChat(agent, body, { authorization: 'Bearer sandbox' })
    req.on('response', (res) => {
      let text = ''
      let pieces = 0
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
        pieces += chunk.split('\n\n').length - 1
        if (drop && pieces > 1) {
          req.destroy()
          resolve({ ok: true, ms: performance.now() - started, pieces })
        }
      })
      res.on('end', () =>
        resolve({
          ok: res.statusCode === 200 && text.includes('data: [DONE]'),
          ms: performance.now() - started,
          pieces,
        }),
      )
      res.on('error', () => resolve({ ok: drop, ms: performance.now() - started, pieces }))
    })
    req.on('error', () => resolve({ ok: drop, ms: performance.now() - started, pieces: 0 }))
    req.end(body)
  })
}

function health(): Promise<number> {
  const started = performance.now()
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: PROXY_PORT, path: '/api/health', agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(performance.now() - started))
    })
    req.on('error', () => resolve(Number.NaN))
    req.end()
  })
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

export async function runStreams() {
  const upstream = await start('upstream-server.ts', [String(UPSTREAM_PORT), KEY])
  const proxy = await start(
    'proxy-server.ts',
    [String(PROXY_PORT), `http://127.0.0.1:${UPSTREAM_PORT}/v1`, KEY],
    ['--expose-gc'],
  )
  try {
    upstream.send('paced')
    console.log(
      `\nstreams — ${STREAMS} streaming chat completions at once through the proxy; each answer is 20 pieces, one every ${process.env.BENCH_STREAM_PIECE_MS ?? 500} ms`,
    )
    const before = await ask<Memory>(proxy, 'memory', 'memory')
    const healthTimes: number[] = []
    let peak: Memory = before
    let running = true
    const watcher = (async () => {
      while (running) {
        healthTimes.push(await health())
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    })()
    let mostOpen = 0
    const memoryWatcher = (async () => {
      while (running) {
        const now = await ask<Memory & { rss: number }>(proxy, 'memory-now', 'memory')
        if (now.rss > peak.rss) peak = now
        const upstreamNow = await ask<{ open: number; aborted: number }>(upstream, 'streams', 'streams')
        mostOpen = Math.max(mostOpen, upstreamNow.open)
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    })()

    const t0 = performance.now()
    const all = Array.from({ length: STREAMS }, () => stream())
    // Once the streams run, some clients give up after their first piece.
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const openBefore = await ask<{ open: number; aborted: number }>(upstream, 'streams', 'streams')
    const dropped = await Promise.all(Array.from({ length: DROPPED }, () => stream(true)))
    let cut = 0
    for (let i = 0; i < 300; i++) {
      const now = await ask<{ open: number; aborted: number }>(upstream, 'streams', 'streams')
      cut = now.aborted - openBefore.aborted
      if (cut >= DROPPED) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const results = await Promise.all(all)
    const elapsed = performance.now() - t0
    running = false
    await Promise.all([watcher, memoryWatcher])
    const after = await ask<Memory>(proxy, 'memory', 'memory')

    const ok = results.filter((r) => r.ok)
    const times = ok.map((r) => r.ms)
    console.log(
      `  completed ${ok.length} of ${STREAMS} (failed ${STREAMS - ok.length}) in ${(elapsed / 1000).toFixed(1)} s; ` +
        `each took ${(quantile(times, 0) / 1000).toFixed(1)}–${(quantile(times, 1) / 1000).toFixed(1)} s (p50 ${(quantile(times, 0.5) / 1000).toFixed(1)} s)`,
    )
    console.log(
      `  upstream streams open at once, at most: ${mostOpen}; clients that left after their first piece: ${dropped.length}, upstream streams cut off for them: ${cut}`,
    )
    const valid = healthTimes.filter((t) => !Number.isNaN(t))
    console.log(
      `  GET /api/health during the run: ${valid.length} answers (${healthTimes.length - valid.length} failed), ` +
        `p50 ${quantile(valid, 0.5).toFixed(1)} ms, p99 ${quantile(valid, 0.99).toFixed(1)} ms, max ${quantile(valid, 1).toFixed(1)} ms`,
    )
    console.log(
      `  proxy memory: before ${mb(before.rss)} rss / ${mb(before.heapUsed)} heap; peak ${mb(peak.rss)} rss / ${mb(peak.heapUsed)} heap ` +
        `(${mb((peak.rss - before.rss) / STREAMS)} rss per stream); after, full GC: ${mb(after.rss)} rss / ${mb(after.heapUsed)} heap`,
    )
  } finally {
    for (const child of [upstream, proxy]) child.kill('SIGTERM')
    agent.destroy()
  }
}

if (import.meta.main) await runStreams()
