import { defineConfig, devices } from '@playwright/test'
import { distDir } from './api/config.ts'
import { CHROMIUM_ARGS, findChromium, selectedEngines, type EngineName } from './scripts/machine/browsers.ts'

// The specs drive the test-only pages too: the build with them (COURSE_TEST_PAGES=1 npm run
// build, into dist-test/), which the server, the fixtures and the workers all read.
process.env.COURSE_TEST_PAGES ??= '1'
const dist = distDir()
// The production server (that build + API) on its own port so a running dev site is not disturbed.
const port = Number(process.env.E2E_PORT ?? 4380)
const executablePath = findChromium()
if (!executablePath) {
  throw new Error(
    "No Chromium found. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.",
  )
}

export default defineConfig<{ engineOption: EngineName }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // No retries, on CI either: a test that needs one is a bug in the test or the product.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
    // Debian's Firefox ESR and WebKitGTK, which Playwright cannot drive: a smoke set over the
    // standard protocols (e2e/engines/engine.ts). ENGINES picks them (by default both, part of
    // every run; ENGINES=firefox keeps one; ENGINES=none runs Chromium alone).
    ...selectedEngines().map((engine) => ({
      name: engine,
      testMatch: 'engines/*.engines.ts',
      use: { engineOption: engine },
    })),
  ],
  webServer: {
    command: 'node server/server.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    env: { PORT: String(port), HOST: '127.0.0.1', E2E: '1', DIST_DIR: dist },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
