/**
 * One WebContainer per page, shared by every sandbox on it, booted at most once and raced
 * against a timeout.
 *
 * `WebContainer.boot()` loads a frame from stackblitz.com. When that host is unreachable it
 * never rejects — it hangs, and so does every later `boot()` on the page — so the only way to
 * notice is a timer. After a timeout the page remembers it and later sandboxes fall back at
 * once instead of making the learner wait again; if the boot does finish later (a very slow
 * network), sandboxes started after that use it.
 *
 * The timeout is 20 s by default. It is configurable, most specific first:
 *   1. `?wc-timeout=<ms>` in the page address (tests, learners on a slow network);
 *   2. `data-wc-timeout="<ms>"` on the sandbox element, then on `<html>` (authors, layouts);
 * values outside 100–600000 ms are ignored with a console warning.
 */
import type { WebContainer } from '@webcontainer/api'
import type { FallbackReason } from './fallback-reason.ts'

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000
const MIN_TIMEOUT_MS = 100
const MAX_TIMEOUT_MS = 600_000

/**
 * `require-corp`, not `credentialless`: the course pages load nothing from other origins
 * except the WebContainer frames, so require-corp costs nothing, and unlike credentialless it
 * gives cross-origin isolation in Safari too. Must match COEP in server/isolation-headers.ts.
 */
export const WEBCONTAINER_COEP = 'require-corp'
/** The folder under /home in the container; each sandbox gets a folder inside it. */
export const WORKDIR_NAME = 'course'

export type BootOutcome = { ok: true; container: WebContainer } | { ok: false; reason: FallbackReason }

interface SharedBoot {
  promise: Promise<WebContainer>
  container?: WebContainer
  error?: unknown
  /** The timeout that already expired on this page, if any. */
  timedOutAfterMs?: number
}

let shared: SharedBoot | undefined

function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  return text.trim() || 'unknown error'
}

function startBoot(): SharedBoot {
  // Loaded on demand: pages without a WebContainer sandbox never download the API.
  const promise = import('@webcontainer/api').then(({ WebContainer }) =>
    WebContainer.boot({ coep: WEBCONTAINER_COEP, workdirName: WORKDIR_NAME }),
  )
  const boot: SharedBoot = { promise }
  promise.then(
    (container) => {
      boot.container = container
    },
    (error: unknown) => {
      boot.error = error
    },
  )
  return boot
}

/** The page's WebContainer, or why there is none. Never waits longer than `timeoutMs`. */
export async function bootWebContainer(timeoutMs: number = DEFAULT_BOOT_TIMEOUT_MS): Promise<BootOutcome> {
  shared ??= startBoot()
  const boot = shared
  if (boot.container) return { ok: true, container: boot.container }
  if (boot.error !== undefined)
    return { ok: false, reason: { code: 'boot-failed', message: describeError(boot.error) } }
  if (boot.timedOutAfterMs !== undefined)
    return { ok: false, reason: { code: 'boot-timeout', timeoutMs: boot.timedOutAfterMs } }

  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<BootOutcome>((resolve) => {
    timer = setTimeout(() => {
      boot.timedOutAfterMs ??= timeoutMs
      resolve({ ok: false, reason: { code: 'boot-timeout', timeoutMs } })
    }, timeoutMs)
  })
  const booted = boot.promise.then(
    (container): BootOutcome => ({ ok: true, container }),
    (error: unknown): BootOutcome => ({
      ok: false,
      reason: { code: 'boot-failed', message: describeError(error) },
    }),
  )
  try {
    return await Promise.race([booted, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Tests only: forget the page's boot. */
export function resetBootForTests(): void {
  shared = undefined
}

export interface TimeoutSources {
  /** `location.search` */
  search?: string
  /** `data-wc-timeout` of the sandbox element, then of `<html>`. */
  attributes?: (string | null | undefined)[]
  warn?: (message: string) => void
}

function parseTimeout(raw: string, where: string, warn: (message: string) => void): number | undefined {
  const text = raw.trim()
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (value >= MIN_TIMEOUT_MS && value <= MAX_TIMEOUT_MS) return value
  warn(
    `Ignoring ${where}="${raw}": the WebContainer boot timeout is a whole number of milliseconds between ${MIN_TIMEOUT_MS} and ${MAX_TIMEOUT_MS}.`,
  )
  return undefined
}

export function readBootTimeout({
  search = '',
  attributes = [],
  warn = console.warn,
}: TimeoutSources = {}): number {
  const param = new URLSearchParams(search).get('wc-timeout')
  if (param !== null) {
    const value = parseTimeout(param, '?wc-timeout', warn)
    if (value !== undefined) return value
  }
  for (const attribute of attributes) {
    if (attribute === null || attribute === undefined || attribute === '') continue
    const value = parseTimeout(attribute, 'data-wc-timeout', warn)
    if (value !== undefined) return value
  }
  return DEFAULT_BOOT_TIMEOUT_MS
}

/** The timeout on this page: ?wc-timeout=, then `data-wc-timeout` on `element` (a sandbox), then on <html>. */
export function pageBootTimeout(element?: { dataset: DOMStringMap }): number {
  if (typeof location === 'undefined') return DEFAULT_BOOT_TIMEOUT_MS
  return readBootTimeout({
    search: location.search,
    attributes: [
      element?.dataset.wcTimeout,
      typeof document === 'undefined' ? undefined : document.documentElement.dataset.wcTimeout,
    ],
  })
}
