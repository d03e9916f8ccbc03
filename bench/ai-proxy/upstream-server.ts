/** Child process of bench/ai-proxy: the fake OpenAI-compatible upstream on a loopback port. */
import { startFakeUpstream } from '../../api/openai/testing/fake-upstream.ts'

const [port, key] = process.argv.slice(2)
const fake = await startFakeUpstream(key!, [Number(port)])
// The bench sends hundreds of thousands of requests; the fake must not keep their bodies.
setInterval(() => {
  fake.received.length = 0
  fake.authorizations.length = 0
}, 1000).unref()
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  // The streams bench: long, slowly written answers, and how many streams are open / were cut.
  if (message === 'paced') {
    fake.behaviour = 'stream-paced'
    fake.pace = { pieces: 20, delayMs: Number(process.env.BENCH_STREAM_PIECE_MS ?? 500) }
  }
  if (message === 'streams') process.send?.({ streams: { open: fake.streaming ?? 0, aborted: fake.aborted } })
})
process.send?.({ ready: fake.port })
// The parent is gone (crashed or killed): do not linger on the port.
process.on('disconnect', () => process.exit(0))
