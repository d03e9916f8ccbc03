/**
 * bench:ai-proxy, part 3 — Redis killed and restarted in the middle of a load run. The
 * proxy counts limits and budgets in a redis-server started here (loopback, port 6387,
 * append-only file written on every change); BENCH_REDIS_CONNECTIONS (default 10)
 * clients send chat completions for 12 s; Redis is killed (SIGKILL) at 3 s and started again
 * at 6 s. Figures: answers by status while it was down, how fast refusals came, when the
 * first answer came back, and the global budget counter against the tokens of the answers
 * delivered — the difference is the in-flight window: requests that had reserved their
 * budget before Redis died and could not settle it.
 */
import { mkdtempSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RedisCounterStore } from '../../api/counter-store/redis-counter-store.ts'
import { startRedis } from '../../api/counter-store/testing/redis-server.ts'
import { KEY, postChat, PROXY_PORT, quantile, start, UPSTREAM_PORT } from './children.ts'

const CONNECTIONS = Number(process.env.BENCH_REDIS_CONNECTIONS ?? 10)

const agent = new Agent({ keepAlive: true })
const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, proxy!' }] })

interface Answer {
  status: number
  code?: string
  tokens: number
  at: number
  ms: number
}

function post(t0: number): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const req = postChat(agent, body)
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        let parsed: { usage?: { total_tokens?: number }; error?: { code?: string } } = {}
        try {
          parsed = JSON.parse(text) as typeof parsed
        } catch {
          // counted by its status
        }
        resolve({
          status: res.statusCode ?? 0,
          code: parsed.error?.code,
          tokens: parsed.usage?.total_tokens ?? 0,
          at: started - t0,
          ms: performance.now() - started,
        })
      })
    })
    req.on('error', () =>
      resolve({ status: 0, tokens: 0, at: started - t0, ms: performance.now() - started }),
    )
    req.end(body)
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runRedisRestart() {
  const redis = await startRedis([6387, 6386], { persistDir: mkdtempSync(join(tmpdir(), 'bench-redis-')) })
  const upstream = await start('upstream-server.ts', [String(UPSTREAM_PORT), KEY])
  const proxy = await start('proxy-server.ts', [
    String(PROXY_PORT),
    `http://127.0.0.1:${UPSTREAM_PORT}/v1`,
    KEY,
    redis.url,
  ])
  const counters = new RedisCounterStore(redis.url, { prefix: 'course-ai:' })
  try {
    console.log(
      `\nredis restart — ${CONNECTIONS} clients for 12 s; Redis killed (SIGKILL) at 3 s, started again at 6 s (append-only file, fsync always)`,
    )
    const t0 = performance.now()
    const answers: Answer[] = []
    let running = true
    const clients = Array.from({ length: CONNECTIONS }, async () => {
      while (running) answers.push(await post(t0))
    })
    await sleep(3000)
    const killedAt = performance.now() - t0
    await redis.crash()
    await sleep(3000)
    const restartedAt = performance.now() - t0
    await redis.restart()
    await sleep(6000)
    running = false
    await Promise.all(clients)

    const day = new Date().toISOString().slice(0, 10)
    let counted = Number.NaN
    for (let i = 0; i < 20 && Number.isNaN(counted); i++) {
      counted = await counters.get(`budget:${day}:global`).catch(() => Number.NaN)
      if (Number.isNaN(counted)) await sleep(250)
    }
    const byStatus = new Map<string, number>()
    for (const a of answers) {
      const key = a.code ? `${a.status} ${a.code}` : String(a.status)
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1)
    }
    const down = answers.filter((a) => a.at >= killedAt && a.at < restartedAt)
    const refused = down.filter((a) => a.status === 503)
    const firstBack = answers.find((a) => a.at >= restartedAt && a.status === 200)
    const delivered = answers.filter((a) => a.status === 200)
    const tokens = delivered.reduce((sum, a) => sum + a.tokens, 0)
    // What one request reserves: its input's UTF-8 bytes + 4, plus the output cap (512).
    const reservation = Buffer.byteLength('Hello, proxy!') + 4 + 512
    console.log(`  answers: ${[...byStatus].map(([k, n]) => `${k}: ${n}`).join(', ')}`)
    console.log(
      `  while Redis was down: ${down.length} requests, ${refused.length} refused with 503 limits_unavailable ` +
        `(p50 ${quantile(
          refused.map((a) => a.ms),
          0.5,
        ).toFixed(1)} ms, max ${quantile(
          refused.map((a) => a.ms),
          1,
        ).toFixed(0)} ms), ` +
        `${down.filter((a) => a.status === 200).length} answered 200 (already past their budget check when it died)`,
    )
    console.log(
      `  first 200 after the restart: ${firstBack ? `${((firstBack.at + firstBack.ms - restartedAt) / 1000).toFixed(2)} s after Redis was started again` : 'none'} (same proxy process)`,
    )
    console.log(
      `  global budget counter ${counted} tokens; the ${delivered.length} delivered answers used ${tokens}: ` +
        `${counted - tokens >= 0 ? '+' : ''}${counted - tokens} tokens = ${((counted - tokens) / (reservation - 18)).toFixed(1)} unsettled reservations ` +
        `(the in-flight window: at most ${CONNECTIONS} requests, each counted at its reservation of ${reservation} instead of its usage; never undercounted)`,
    )
  } finally {
    for (const child of [upstream, proxy]) child.kill('SIGTERM')
    await counters.close()
    await redis.stop()
    agent.destroy()
  }
}

if (import.meta.main) await runRedisRestart()
