/** Child process of bench/ai-proxy: the fake OpenAI-compatible upstream on a loopback port. */
import { startFakeUpstream } from '../../api/openai/testing/fake-upstream.ts'

const [port, key] = process.argv.slice(2)
const fake = await startFakeUpstream(key!, [Number(port)])
// The bench sends hundreds of thousands of requests; the fake must not keep their bodies.
setInterval(() => {
  fake.received.length = 0
  fake.authorizations.length = 0
}, 1000).unref()
process.send?.({ ready: fake.port })
