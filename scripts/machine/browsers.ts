/**
 * Where this machine's browsers are, and which engines a run includes. Browsers cannot be
 * downloaded here, so the tests, the benches and the installer of Debian's packages
 * (scripts/system-packages.ts) all find Debian's through this one module: Chromium for Playwright
 * (or CHROMIUM_PATH), Firefox ESR and WebKitGTK's WebDriver for e2e/engines/.
 */
import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

/** Flags that keep a headless Chromium from reaching for the (closed) network on start. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export type EngineName = 'firefox' | 'webkit'

export const ENGINE_NAMES: readonly EngineName[] = ['firefox', 'webkit']

/**
 * The engines a run includes besides Chromium: ENGINES (a comma list), by default both Firefox
 * and WebKit; ENGINES=none (or any list without them) runs Chromium alone. Unknown names are
 * an error.
 */
export function selectedEngines(env: Record<string, string | undefined> = process.env): EngineName[] {
  const names = (env.ENGINES ?? ENGINE_NAMES.join(','))
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
  const unknown = names.filter((n) => n !== 'none' && !ENGINE_NAMES.includes(n as EngineName))
  if (unknown.length)
    throw new Error(
      `ENGINES: unknown engine ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')}, or none)`,
    )
  return ENGINE_NAMES.filter((n) => names.includes(n))
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver'
const MINIBROWSER_CANDIDATES = [
  process.env.MINIBROWSER_PATH,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
]

export function findMiniBrowser(): string | undefined {
  return MINIBROWSER_CANDIDATES.find((p): p is string => !!p && existsSync(p))
}

/** What is missing to run an engine, as a sentence saying how to get it; undefined when ready. */
export function missingFor(name: EngineName): string | undefined {
  if (name === 'firefox')
    return existsSync(FIREFOX_PATH)
      ? undefined
      : `No Firefox at ${FIREFOX_PATH}: sudo apt-get install -y firefox-esr (or set FIREFOX_PATH).`
  if (!existsSync(WEBKIT_DRIVER_PATH) || !findMiniBrowser())
    return 'No WebKitGTK WebDriver: sudo apt-get install -y webkit2gtk-driver (MiniBrowser comes with it).'
  if (!existsSync('/usr/bin/Xvfb')) return 'No Xvfb for WebKitGTK: sudo apt-get install -y xvfb.'
  return undefined
}
