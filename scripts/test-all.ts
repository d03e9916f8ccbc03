/**
 * `npm test`: every gate in order — type check + lint, content and sandbox checks, the production
 * build, unit tests, and the e2e suite (Chromium, plus Firefox ESR and WebKitGTK for e2e/engines/) — then one summary line
 * `N passed, N failed, N skipped` that adds unit and e2e results (a failing gate such as the
 * build counts as a failure too, so a red step can never print "0 failed").
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureSystemPackages } from './system-packages.ts'

interface Tally {
  passed: number
  failed: number
  skipped: number
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 }
const failedSteps: string[] = []
const out = mkdtempSync(join(tmpdir(), 'course-test-'))
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = result.status === 0
  if (!ok) failedSteps.push(name)
  return ok
}

function gate(name: string, script: string) {
  if (!scripts[script]) return
  if (!run(name, 'npm', ['run', '--silent', script])) total.failed++
}

/** Seconds of test time per Playwright project, from the JSON report (the engines' cost in CI). */
function projectSeconds(report: { suites?: unknown[] }): Record<string, number> {
  type Suite = {
    suites?: Suite[]
    specs?: { tests: { projectName: string; results: { duration: number }[] }[] }[]
  }
  const seconds: Record<string, number> = {}
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        for (const r of t.results) seconds[t.projectName] = (seconds[t.projectName] ?? 0) + r.duration / 1000
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of (report.suites ?? []) as Suite[]) walk(suite)
  return seconds
}

process.env.COURSE_TEST_PAGES = '1'

// Browsers, Redis and nginx from Debian when missing, before any test needs them.
const stillMissing = ensureSystemPackages()
for (const p of stillMissing)
  console.error(`Missing Debian package ${p.name}, needed by ${p.for}: sudo apt-get install -y ${p.name}`)
if (stillMissing.length) {
  failedSteps.push('system packages')
  total.failed++
}

gate('type check + lint', 'check')
gate('content check', 'check:content')
gate('sandbox checks', 'check:sandboxes')

// Build before the unit tests: some of them inspect the built site (e.g. no API key in it).
// COURSE_TEST_PAGES=1 (set above for every step) adds the test-only pages the e2e specs drive,
// and so builds into dist-test/: a deploy's dist/ never holds them (api/config.ts distDir).
const built = run('build', 'npm', ['run', '--silent', 'build'])
if (!built) total.failed++

// Unit tests (Vitest) with a JSON report to count results.
const unitReport = join(out, 'unit.json')
const unitOk = run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitReport}`,
])
if (existsSync(unitReport)) {
  const r = JSON.parse(readFileSync(unitReport, 'utf8'))
  const failed = r.numFailedTests + (r.numFailedTestSuites ?? 0)
  total.passed += r.numPassedTests
  // A run that failed without a failing test (e.g. a crash) still counts as one failure.
  total.failed += failed > 0 || unitOk ? failed : 1
  total.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
} else total.failed++

if (built && stillMissing.length === 0) {
  const e2eReport = join(out, 'e2e.json')
  const e2eOk = run('e2e tests', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport })
  if (existsSync(e2eReport)) {
    const report = JSON.parse(readFileSync(e2eReport, 'utf8'))
    const s = report.stats
    const seconds = Object.entries(projectSeconds(report)).map(([p, t]) => `${p} ${Math.round(t)} s`)
    console.log(`e2e test time per project (2 workers share it): ${seconds.join(', ')}`)
    // No retries (playwright.config.ts), so nothing is flaky-and-passed: a test passes first time or fails.
    const failed = s.unexpected + (s.flaky ?? 0)
    total.passed += s.expected
    // e.g. the web server could not start: no test failed, but the step did.
    total.failed += failed > 0 || e2eOk ? failed : 1
    total.skipped += s.skipped
  } else total.failed++
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`)
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed > 0 || failedSteps.length > 0 ? 1 : 0)
