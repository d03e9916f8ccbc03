/**
 * Picks and creates the runtime that runs a sandbox (runtime-choice.ts decides; this module
 * only loads the chosen implementation, lazily, on the first Run). The rest of the UI only
 * sees `SandboxRuntime`.
 */
import {
  chooseRuntime,
  detectCapabilities,
  readRuntimeOverride,
  type RuntimeChoice,
} from '../runtime-choice.ts'
import type { SandboxRuntime } from '../runtime.ts'
import type { SandboxPageData } from './sandbox-data.ts'

type RuntimeModule = Record<string, unknown>

// Globbed rather than imported so each implementation is its own lazy chunk, fetched only by
// pages whose learner presses Run with that runtime.
const workerModules = import.meta.glob<RuntimeModule>('../worker-runtime.ts')
const webContainerModules = import.meta.glob<RuntimeModule>('../webcontainer/webcontainer-runtime.ts')

export function decideRuntime(data: SandboxPageData): RuntimeChoice {
  let session: Storage | undefined
  try {
    session = sessionStorage
  } catch {
    session = undefined
  }
  return chooseRuntime({
    runtimes: data.runtimes,
    capabilities: detectCapabilities(),
    override: readRuntimeOverride(location.search, session),
  })
}

type RuntimeConstructor = new (options: { name: string; services?: Record<string, string> }) => SandboxRuntime

function findConstructor(mod: RuntimeModule, exportName: string): RuntimeConstructor {
  const value = mod[exportName]
  if (typeof value !== 'function') throw new Error(`The runtime module does not export ${exportName}.`)
  return value as RuntimeConstructor
}

export async function createRuntime(
  kind: 'worker' | 'webcontainer',
  data: SandboxPageData,
): Promise<SandboxRuntime> {
  if (kind === 'worker') {
    const load = workerModules['../worker-runtime.ts']
    if (!load) throw new Error('The in-browser runtime is not part of this build.')
    return new (findConstructor(await load(), 'WorkerRuntime'))({
      name: data.name,
      ...(data.services ? { services: data.services } : {}),
    })
  }
  const load = webContainerModules['../webcontainer/webcontainer-runtime.ts']
  if (!load) throw new Error('The WebContainer runtime is not part of this build.')
  return new (findConstructor(await load(), 'WebContainerRuntime'))({ name: data.name })
}
