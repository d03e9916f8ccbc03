/**
 * Which runtime runs a sandbox, decided in the browser before anything is booted.
 *
 * - A sandbox lists the runtimes it supports in `sandbox.json`, preferred first:
 *   `["worker"]` (Hono only), `["webcontainer"]` (needs Node), `["webcontainer", "worker"]`
 *   (best in Node, fine in the browser runtime), `["worker", "webcontainer"]` (the browser
 *   runtime, with a switch to Node).
 * - `?runtime=worker|webcontainer` overrides the preference and is remembered for the tab
 *   (sessionStorage); `?runtime=auto` forgets it. An override the sandbox does not support
 *   is ignored, and the choice says so.
 * - A WebContainer is only booted when the browser can run one: cross-origin isolated,
 *   SharedArrayBuffer, not iOS, online. Otherwise the sandbox falls back to the worker
 *   runtime, or, when it needs Node, the UI shows why it cannot run.
 *
 * A boot that times out or fails later goes through `fallBackAfterBoot` to the same outcome.
 */
import type { RuntimeKind } from './runtime.ts'
import type { FallbackReason } from './webcontainer/fallback-reason.ts'

/** What the runtime indicator calls each runtime. */
export const RUNTIME_LABELS: Record<RuntimeKind, string> = {
  worker: 'Browser runtime',
  webcontainer: 'Node (WebContainer)',
}

/**
 * The indicator's label before any script runs: the runtime the sandbox runs in by default
 * (its first), so a Node-only sandbox does not claim to run in the browser.
 */
export function defaultRuntimeLabel(runtimes: readonly RuntimeKind[]): string {
  return RUNTIME_LABELS[runtimes[0] ?? 'worker']
}

export interface BrowserCapabilities {
  crossOriginIsolated: boolean
  sharedArrayBuffer: boolean
  ios: boolean
  online: boolean
}

export type RuntimeChoice =
  | {
      runtime: RuntimeKind
      /** Both runtimes are supported: show a switch next to the runtime indicator. */
      switchable: boolean
      /** Set when the preferred or requested WebContainer could not be used. */
      fallback?: FallbackReason
      /** Set when `?runtime=` asked for a runtime this sandbox does not support. */
      ignoredOverride?: RuntimeKind
    }
  | {
      /** Nothing can run the sandbox here: show the explanation panel. */
      runtime: 'none'
      reason: FallbackReason
      ignoredOverride?: RuntimeKind
    }

export interface ChoiceInput {
  /** From sandbox.json, preferred first; never empty (the loader rejects an empty list). */
  runtimes: readonly RuntimeKind[]
  capabilities: BrowserCapabilities
  override?: RuntimeKind
}

/** The first thing that keeps this browser from running a WebContainer, if any. */
export function webContainerBlocker(caps: BrowserCapabilities): FallbackReason | undefined {
  if (caps.ios) return { code: 'ios' }
  if (!caps.crossOriginIsolated) return { code: 'not-isolated' }
  if (!caps.sharedArrayBuffer) return { code: 'no-shared-array-buffer' }
  if (!caps.online) return { code: 'offline' }
  return undefined
}

export function chooseRuntime({ runtimes, capabilities, override }: ChoiceInput): RuntimeChoice {
  if (runtimes.length === 0) throw new Error('A sandbox must support at least one runtime.')
  const supportsWorker = runtimes.includes('worker')
  const switchable = supportsWorker && runtimes.includes('webcontainer')
  const ignoredOverride = override && !runtimes.includes(override) ? override : undefined
  const wanted: RuntimeKind = override && !ignoredOverride ? override : runtimes[0]!
  const extra = ignoredOverride ? { ignoredOverride } : {}

  if (wanted === 'worker') return { runtime: 'worker', switchable, ...extra }
  const blocker = webContainerBlocker(capabilities)
  if (!blocker) return { runtime: 'webcontainer', switchable, ...extra }
  if (supportsWorker) return { runtime: 'worker', switchable, fallback: blocker, ...extra }
  return { runtime: 'none', reason: blocker, ...extra }
}

/** After `WebContainer.boot()` timed out or failed: the worker runtime if supported, else the panel. */
export function fallBackAfterBoot(runtimes: readonly RuntimeKind[], reason: FallbackReason): RuntimeChoice {
  const switchable = runtimes.includes('worker') && runtimes.includes('webcontainer')
  return runtimes.includes('worker')
    ? { runtime: 'worker', switchable, fallback: reason }
    : { runtime: 'none', reason }
}

interface NavigatorLike {
  userAgent?: string
  platform?: string
  maxTouchPoints?: number
  onLine?: boolean
}

interface GlobalLike {
  crossOriginIsolated?: boolean
  SharedArrayBuffer?: unknown
  navigator?: NavigatorLike
}

/** iPhone, iPod, iPad — including iPadOS, which reports itself as a Mac with touch. */
export function isIos(nav: NavigatorLike | undefined): boolean {
  if (!nav) return false
  const ua = nav.userAgent ?? ''
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) return true
  return nav.platform === 'MacIntel' && (nav.maxTouchPoints ?? 0) > 1
}

export function detectCapabilities(scope: GlobalLike = globalThis as GlobalLike): BrowserCapabilities {
  return {
    crossOriginIsolated: scope.crossOriginIsolated === true,
    sharedArrayBuffer: typeof scope.SharedArrayBuffer === 'function',
    ios: isIos(scope.navigator),
    online: scope.navigator?.onLine !== false,
  }
}

export const RUNTIME_OVERRIDE_KEY = 'course.runtime-override.v1'

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function isRuntimeKind(value: unknown): value is RuntimeKind {
  return value === 'worker' || value === 'webcontainer'
}

/**
 * The runtime the learner asked for: `?runtime=` in the address (remembered in `storage`), or
 * the remembered one. `?runtime=auto` (or any other value) clears it. Storage errors (private
 * mode, blocked storage) only lose the memory, never the choice.
 */
export function readRuntimeOverride(search: string, storage?: StorageLike): RuntimeKind | undefined {
  const param = new URLSearchParams(search).get('runtime')
  if (param !== null) {
    const kind = isRuntimeKind(param) ? param : undefined
    rememberRuntimeOverride(kind, storage)
    return kind
  }
  try {
    const stored = storage?.getItem(RUNTIME_OVERRIDE_KEY)
    return isRuntimeKind(stored) ? stored : undefined
  } catch {
    return undefined
  }
}

/** Used by `?runtime=` and by the runtime switch in the sandbox toolbar. */
export function rememberRuntimeOverride(kind: RuntimeKind | undefined, storage?: StorageLike): void {
  try {
    if (kind) storage?.setItem(RUNTIME_OVERRIDE_KEY, kind)
    else storage?.removeItem(RUNTIME_OVERRIDE_KEY)
  } catch {
    // Storage can be blocked; the override still applies to this page.
  }
}
