import { describe, expect, it } from 'vitest'
import type { RuntimeKind } from './runtime.ts'
import {
  chooseRuntime,
  detectCapabilities,
  fallBackAfterBoot,
  isIos,
  readRuntimeOverride,
  rememberRuntimeOverride,
  RUNTIME_OVERRIDE_KEY,
  type BrowserCapabilities,
} from './runtime-choice.ts'

const SANDBOXES: RuntimeKind[][] = [['worker'], ['webcontainer'], ['webcontainer', 'worker'], ['worker', 'webcontainer']]
const OVERRIDES: (RuntimeKind | undefined)[] = [undefined, 'worker', 'webcontainer']
const CAPABLE: BrowserCapabilities = { crossOriginIsolated: true, sharedArrayBuffer: true, ios: false, online: true }

/** All 16 combinations of the four capabilities. */
function allCapabilities(): BrowserCapabilities[] {
  const list: BrowserCapabilities[] = []
  for (let bits = 0; bits < 16; bits++) {
    list.push({
      crossOriginIsolated: (bits & 1) !== 0,
      sharedArrayBuffer: (bits & 2) !== 0,
      ios: (bits & 4) !== 0,
      online: (bits & 8) !== 0,
    })
  }
  return list
}

const canRunWebContainer = (c: BrowserCapabilities) => c.crossOriginIsolated && c.sharedArrayBuffer && !c.ios && c.online

const matrix = SANDBOXES.flatMap((runtimes) =>
  allCapabilities().flatMap((capabilities) => OVERRIDES.map((override) => ({ runtimes, capabilities, override }))),
)

function label({ runtimes, capabilities: c, override }: (typeof matrix)[number]): string {
  const caps = [c.crossOriginIsolated ? 'isolated' : 'not-isolated', c.sharedArrayBuffer ? 'SAB' : 'no-SAB', c.ios ? 'iOS' : 'desktop', c.online ? 'online' : 'offline']
  return `[${runtimes.join(',')}] ${caps.join(' ')} override=${override ?? '-'}`
}

describe('chooseRuntime over every sandbox × browser × override combination', () => {
  it('covers 4 sandboxes × 16 browsers × 3 overrides', () => {
    expect(matrix).toHaveLength(192)
  })

  it.each(matrix.map((input) => [label(input), input] as const))('%s', (_name, input) => {
    const choice = chooseRuntime(input)
    const { runtimes, capabilities, override } = input
    const overrideApplies = override !== undefined && runtimes.includes(override)
    const wanted = overrideApplies ? override : runtimes[0]

    // Never a runtime the sandbox does not support.
    if (choice.runtime !== 'none') expect(runtimes).toContain(choice.runtime)
    // An unsupported override is ignored and reported; a supported one is not reported.
    expect(choice.ignoredOverride).toBe(override !== undefined && !overrideApplies ? override : undefined)

    if (wanted === 'worker') {
      expect(choice).toMatchObject({ runtime: 'worker' })
      expect('fallback' in choice && choice.fallback).toBeFalsy()
    } else if (canRunWebContainer(capabilities)) {
      expect(choice).toMatchObject({ runtime: 'webcontainer' })
    } else if (runtimes.includes('worker')) {
      // Wanted a WebContainer, cannot have one: the worker runtime, saying why.
      expect(choice.runtime).toBe('worker')
      expect('fallback' in choice && choice.fallback).toBeTruthy()
    } else {
      // Needs Node and cannot have it: the explanation panel.
      expect(choice.runtime).toBe('none')
      expect('reason' in choice && choice.reason).toBeTruthy()
    }
    if (choice.runtime !== 'none') {
      expect(choice.switchable).toBe(runtimes.includes('worker') && runtimes.includes('webcontainer'))
    }
  })
})

describe('chooseRuntime, named cases', () => {
  it('runs Hono-only sandboxes in the worker runtime even where a WebContainer could run', () => {
    expect(chooseRuntime({ runtimes: ['worker'], capabilities: CAPABLE })).toEqual({ runtime: 'worker', switchable: false })
  })

  it('runs a Node sandbox in a WebContainer on a capable desktop browser', () => {
    expect(chooseRuntime({ runtimes: ['webcontainer'], capabilities: CAPABLE })).toEqual({ runtime: 'webcontainer', switchable: false })
  })

  it('names the first blocker: iOS before isolation, isolation before SharedArrayBuffer, then offline', () => {
    const none = { crossOriginIsolated: false, sharedArrayBuffer: false, ios: true, online: false }
    const reason = (caps: BrowserCapabilities) => {
      const choice = chooseRuntime({ runtimes: ['webcontainer'], capabilities: caps })
      return choice.runtime === 'none' ? choice.reason.code : choice.runtime
    }
    expect(reason(none)).toBe('ios')
    expect(reason({ ...none, ios: false })).toBe('not-isolated')
    expect(reason({ ...none, ios: false, crossOriginIsolated: true })).toBe('no-shared-array-buffer')
    expect(reason({ ...CAPABLE, online: false })).toBe('offline')
  })

  it('falls back to the worker runtime with the reason when a dual sandbox cannot get its WebContainer', () => {
    expect(chooseRuntime({ runtimes: ['webcontainer', 'worker'], capabilities: { ...CAPABLE, crossOriginIsolated: false } })).toEqual({
      runtime: 'worker',
      switchable: true,
      fallback: { code: 'not-isolated' },
    })
  })

  it('lets ?runtime=webcontainer switch a worker-first sandbox to Node, and ?runtime=worker switch it back', () => {
    expect(chooseRuntime({ runtimes: ['worker', 'webcontainer'], capabilities: CAPABLE, override: 'webcontainer' }).runtime).toBe('webcontainer')
    expect(chooseRuntime({ runtimes: ['webcontainer', 'worker'], capabilities: CAPABLE, override: 'worker' }).runtime).toBe('worker')
  })

  it('ignores ?runtime=worker for a Node-only sandbox and says so', () => {
    expect(chooseRuntime({ runtimes: ['webcontainer'], capabilities: CAPABLE, override: 'worker' })).toEqual({
      runtime: 'webcontainer',
      switchable: false,
      ignoredOverride: 'worker',
    })
  })

  it('rejects a sandbox with no runtimes', () => {
    expect(() => chooseRuntime({ runtimes: [], capabilities: CAPABLE })).toThrow(/at least one runtime/)
  })
})

describe('fallBackAfterBoot', () => {
  const timeout = { code: 'boot-timeout', timeoutMs: 20_000 } as const

  it('moves a sandbox that supports the worker runtime there, keeping the reason', () => {
    expect(fallBackAfterBoot(['webcontainer', 'worker'], timeout)).toEqual({ runtime: 'worker', switchable: true, fallback: timeout })
  })

  it('shows the panel for a Node-only sandbox', () => {
    expect(fallBackAfterBoot(['webcontainer'], timeout)).toEqual({ runtime: 'none', reason: timeout })
  })
})

describe('detectCapabilities', () => {
  const desktop = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0', platform: 'Linux x86_64', maxTouchPoints: 0, onLine: true }

  it('reads isolation, SharedArrayBuffer, platform and connectivity from the page', () => {
    expect(detectCapabilities({ crossOriginIsolated: true, SharedArrayBuffer, navigator: desktop })).toEqual(CAPABLE)
    expect(detectCapabilities({ navigator: { ...desktop, onLine: false } })).toEqual({
      crossOriginIsolated: false,
      sharedArrayBuffer: false,
      ios: false,
      online: false,
    })
  })

  it('recognises iPhone and iPadOS (which reports itself as a Mac with touch), not a Mac', () => {
    expect(isIos({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' })).toBe(true)
    expect(isIos({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', platform: 'MacIntel', maxTouchPoints: 5 })).toBe(true)
    expect(isIos({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false)
    expect(isIos(undefined)).toBe(false)
  })
})

describe('runtime override', () => {
  function memoryStorage() {
    const map = new Map<string, string>()
    return {
      map,
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    }
  }

  it('takes ?runtime= from the address and remembers it for later pages', () => {
    const storage = memoryStorage()
    expect(readRuntimeOverride('?runtime=webcontainer', storage)).toBe('webcontainer')
    expect(storage.map.get(RUNTIME_OVERRIDE_KEY)).toBe('webcontainer')
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
    expect(storage.map.size).toBe(0)
  })

  it('ignores garbage in storage and survives storage that throws', () => {
    const storage = memoryStorage()
    storage.map.set(RUNTIME_OVERRIDE_KEY, 'deno')
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
