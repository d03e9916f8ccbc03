/**
 * The size of what a real model would receive for a hint: for every failing check of the
 * POST /hello exercise's starter (and of sessions-login's, a multi-step check), the prompt's
 * characters and tokens estimated at ~4 characters per token (the proxy reserves its budget
 * by UTF-8 bytes, an upper bound). With --show, prints the first prompt and the two offline
 * hints for it. Run: npm run bench:tutor-prompt [-- --show]
 */
import { buildHintPrompt } from '../api/tutor/hint-prompt.ts'
import { offlineHint } from '../api/tutor/offline-hint.ts'
import { reservedInputTokens } from '../api/tutor/tutor-routes.ts'
import { failingExercise } from '../api/tutor/testing/failing-checks.ts'

const show = process.argv.includes('--show')
for (const name of ['hello-json-post', 'sessions-login']) {
  const exercise = await failingExercise(name)
  for (const [i, result] of exercise.results.entries()) {
    if (result.passed) continue
    const request = exercise.request(i)
    const prompt = buildHintPrompt(request)
    const chars = prompt.instructions.length + prompt.input.length
    console.log(
      `${name} · ${result.name}: ${chars} chars, ~${Math.ceil(chars / 4)} tokens (budget reserves ${reservedInputTokens(prompt.instructions + prompt.input)} + 300 output)`,
    )
    if (show && name === 'hello-json-post' && i === 1) {
      console.log('\n--- instructions ---\n' + prompt.instructions + '\n--- input ---\n' + prompt.input)
      console.log('\n--- offline hint 1 ---\n' + offlineHint(request))
      console.log(
        '--- offline hint 2 ---\n' + offlineHint(exercise.request(i, 2, [offlineHint(request)])) + '\n',
      )
    }
  }
}
