import { describe, expect, it } from 'vitest'
import type { RuntimeKind } from './runtime.ts'
import {
  chooseRuntime,
  defaultRuntimeLabel,
  detectCapabilities,
  fallBackAfterBoot,
  isIos,
  readRuntimeOverride,
  rememberRuntimeOverride,
  RUNTIME_OVERRIDE_KEY,
  type BrowserCapabilities,
  type RuntimeChoice,
} from './runtime-choice.ts'
import { memoryStorage } from './testing/memory-storage.ts'

const CAPABLE: BrowserCapabilities = {
  crossOriginIsolated: true,
  sharedArrayBuffer: true,
  ios: false,
  online: true,
}
const IOS = { ...CAPABLE, ios: true }
const NOT_ISOLATED = { ...CAPABLE, crossOriginIsolated: false }
const NO_SAB = { ...CAPABLE, sharedArrayBuffer: false }
const OFFLINE = { ...CAPABLE, online: false }
/** Every capability missing: the reason named is the first in webContainerBlocker's order. */
const NOTHING = { crossOriginIsolated: false, sharedArrayBuffer: false, ios: true, online: false }

type Row = [
  runtimes: RuntimeKind[],
  capabilities: BrowserCapabilities,
  override: RuntimeKind | undefined,
  expected: RuntimeChoice,
]

// Written out by hand, one row a case: what the sandbox supports, what the browser can do and
// what ?runtime= asked for → the choice the page must get.
const TABLE: Record<string, Row> = {
  // A Hono-only sandbox: always the worker runtime, never a fallback (it never wanted Node).
  'worker-only, capable browser': [['worker'], CAPABLE, undefined, { runtime: 'worker', switchable: false }],
  'worker-only, not isolated': [
    ['worker'],
    NOT_ISOLATED,
    undefined,
    { runtime: 'worker', switchable: false },
  ],
  'worker-only, ?runtime=worker': [['worker'], CAPABLE, 'worker', { runtime: 'worker', switchable: false }],
  'worker-only, ?runtime=webcontainer is ignored and reported': [
    ['worker'],
    CAPABLE,
    'webcontainer',
    { runtime: 'worker', switchable: false, ignoredOverride: 'webcontainer' },
  ],

  // A Node-only sandbox: a WebContainer, or the panel saying why not.
  'node-only, capable browser': [
    ['webcontainer'],
    CAPABLE,
    undefined,
    { runtime: 'webcontainer', switchable: false },
  ],
  'node-only, iOS': [['webcontainer'], IOS, undefined, { runtime: 'none', reason: { code: 'ios' } }],
  'node-only, not isolated': [
    ['webcontainer'],
    NOT_ISOLATED,
    undefined,
    { runtime: 'none', reason: { code: 'not-isolated' } },
  ],
  'node-only, no SharedArrayBuffer': [
    ['webcontainer'],
    NO_SAB,
    undefined,
    { runtime: 'none', reason: { code: 'no-shared-array-buffer' } },
  ],
  'node-only, offline': [
    ['webcontainer'],
    OFFLINE,
    undefined,
    { runtime: 'none', reason: { code: 'offline' } },
  ],
  'node-only, nothing available: iOS is named first': [
    ['webcontainer'],
    NOTHING,
    undefined,
    { runtime: 'none', reason: { code: 'ios' } },
  ],
  'node-only, not iOS, nothing else: isolation is named before SharedArrayBuffer': [
    ['webcontainer'],
    { ...NOTHING, ios: false },
    undefined,
    { runtime: 'none', reason: { code: 'not-isolated' } },
  ],
  'node-only, isolated, nothing else: SharedArrayBuffer is named before offline': [
    ['webcontainer'],
    { ...NOTHING, ios: false, crossOriginIsolated: true },
    undefined,
    { runtime: 'none', reason: { code: 'no-shared-array-buffer' } },
  ],
  'node-only, ?runtime=worker is ignored and reported': [
    ['webcontainer'],
    CAPABLE,
    'worker',
    { runtime: 'webcontainer', switchable: false, ignoredOverride: 'worker' },
  ],
  'node-only, offline, ?runtime=worker is ignored: the panel, and the report': [
    ['webcontainer'],
    OFFLINE,
    'worker',
    { runtime: 'none', reason: { code: 'offline' }, ignoredOverride: 'worker' },
  ],

  // Node first, the worker runtime as a fallback and behind the switch.
  'node-first, capable browser': [
    ['webcontainer', 'worker'],
    CAPABLE,
    undefined,
    { runtime: 'webcontainer', switchable: true },
  ],
  'node-first, not isolated: the worker runtime, saying why': [
    ['webcontainer', 'worker'],
    NOT_ISOLATED,
    undefined,
    { runtime: 'worker', switchable: true, fallback: { code: 'not-isolated' } },
  ],
  'node-first, ?runtime=worker': [
    ['webcontainer', 'worker'],
    CAPABLE,
    'worker',
    { runtime: 'worker', switchable: true },
  ],
  'node-first, iOS, ?runtime=webcontainer: the worker runtime, saying why': [
    ['webcontainer', 'worker'],
    IOS,
    'webcontainer',
    { runtime: 'worker', switchable: true, fallback: { code: 'ios' } },
  ],

  // The worker runtime first, Node behind the switch (or ?runtime=webcontainer).
  'worker-first, capable browser': [
    ['worker', 'webcontainer'],
    CAPABLE,
    undefined,
    { runtime: 'worker', switchable: true },
  ],
  'worker-first, offline: no fallback, it never wanted Node': [
    ['worker', 'webcontainer'],
    OFFLINE,
    undefined,
    { runtime: 'worker', switchable: true },
  ],
  'worker-first, ?runtime=webcontainer': [
    ['worker', 'webcontainer'],
    CAPABLE,
    'webcontainer',
    { runtime: 'webcontainer', switchable: true },
  ],
  'worker-first, offline, ?runtime=webcontainer: back to the worker runtime, saying why': [
    ['worker', 'webcontainer'],
    OFFLINE,
    'webcontainer',
    { runtime: 'worker', switchable: true, fallback: { code: 'offline' } },
  ],
}

describe('chooseRuntime', () => {
  it.each(Object.entries(TABLE))('%s', (_name, [runtimes, capabilities, override, expected]) => {
    expect(chooseRuntime({ runtimes, capabilities, ...(override ? { override } : {}) })).toEqual(expected)
  })

  it('rejects a sandbox with no runtimes', () => {
    expect(() => chooseRuntime({ runtimes: [], capabilities: CAPABLE })).toThrow(/at least one runtime/)
  })
})

describe('defaultRuntimeLabel', () => {
  it("names the sandbox's first runtime, before any script has chosen", () => {
    expect(defaultRuntimeLabel(['webcontainer', 'worker'])).toBe('Node (WebContainer)')
    expect(defaultRuntimeLabel(['worker', 'webcontainer'])).toBe('Browser runtime')
    expect(defaultRuntimeLabel([])).toBe('Browser runtime')
  })
})

describe('fallBackAfterBoot', () => {
  const timeout = { code: 'boot-timeout', timeoutMs: 20_000 } as const

  it('moves a sandbox that supports the worker runtime there, keeping the reason', () => {
    expect(fallBackAfterBoot(['webcontainer', 'worker'], timeout)).toEqual({
      runtime: 'worker',
      switchable: true,
      fallback: timeout,
    })
  })

  it('shows the panel for a Node-only sandbox', () => {
    expect(fallBackAfterBoot(['webcontainer'], timeout)).toEqual({ runtime: 'none', reason: timeout })
  })

  it('offers no switch to a sandbox that only has the worker runtime', () => {
    expect(fallBackAfterBoot(['worker'], timeout)).toEqual({
      runtime: 'worker',
      switchable: false,
      fallback: timeout,
    })
  })
})

describe('detectCapabilities', () => {
  const desktop = {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
    platform: 'Linux x86_64',
    maxTouchPoints: 0,
    onLine: true,
  }

  it('reads isolation, SharedArrayBuffer, platform and connectivity from the page', () => {
    expect(detectCapabilities({ crossOriginIsolated: true, SharedArrayBuffer, navigator: desktop })).toEqual(
      CAPABLE,
    )
    expect(detectCapabilities({ navigator: { ...desktop, onLine: false } })).toEqual({
      crossOriginIsolated: false,
      sharedArrayBuffer: false,
      ios: false,
      online: false,
    })
  })

  it('recognises iPhone and iPadOS (which reports itself as a Mac with touch), not a Mac', () => {
    expect(isIos({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' })).toBe(true)
    expect(
      isIos({
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 5,
      }),
    ).toBe(true)
    expect(
      isIos({
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 0,
      }),
    ).toBe(false)
    expect(isIos(undefined)).toBe(false)
    expect(isIos({ platform: 'MacIntel' })).toBe(false)
  })
})

describe('runtime override', () => {
  it('takes ?runtime= from the address and remembers it for later pages', () => {
    const storage = memoryStorage()
    expect(readRuntimeOverride('?runtime=webcontainer', storage)).toBe('webcontainer')
    expect(storage.data.get(RUNTIME_OVERRIDE_KEY)).toBe('webcontainer')
    expect(readRuntimeOverride('', storage)).toBe('webcontainer')
    expect(readRuntimeOverride('?runtime=worker', storage)).toBe('worker')
    expect(readRuntimeOverride('?other=1', storage)).toBe('worker')
  })

  it('forgets it with ?runtime=auto or an unknown value', () => {
    const storage = memoryStorage()
    readRuntimeOverride('?runtime=worker', storage)
    expect(readRuntimeOverride('?runtime=auto', storage)).toBeUndefined()
    expect(readRuntimeOverride('', storage)).toBeUndefined()
    rememberRuntimeOverride('worker', storage)
    expect(readRuntimeOverride('?runtime=nonsense', storage)).toBeUndefined()
    expect(storage.data.size).toBe(0)
  })

  it('ignores garbage in storage and survives storage that throws', () => {
    const storage = memoryStorage()
    storage.data.set(RUNTIME_OVERRIDE_KEY, 'deno')
    expect(readRuntimeOverride('', storage)).toBeUndefined()
    const broken = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {},
    }
    expect(readRuntimeOverride('', broken)).toBeUndefined()
    expect(readRuntimeOverride('?runtime=worker', broken)).toBe('worker')
    expect(readRuntimeOverride('?runtime=worker')).toBe('worker')
  })
})
