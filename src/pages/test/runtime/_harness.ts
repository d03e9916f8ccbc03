/**
 * The test page's script: one WorkerRuntime for the page's sandbox, wired to the page's
 * controls, and `window.__runtimeTest` for Playwright (e2e/worker-runtime.spec.ts) and the bench.
 */
import { runChecks, type Check, type CheckResult } from '../../../sandbox/checks.ts'
import {
  isRuntimeError,
  type LogEntry,
  type RuntimeStatus,
  type SandboxFiles,
  type StartOptions,
} from '../../../sandbox/runtime.ts'
import type { SandboxConfig } from '../../../course/sandbox-loader.ts'
import { previewUrlFor, WorkerRuntime } from '../../../sandbox/worker-runtime.ts'
import type { DatabaseCall } from '../../../sandbox/protocol.ts'
import { hasDatabase } from '../../../sandbox/database.ts'
import { sandboxRequest } from '../../../sandbox/sandbox-request.ts'

interface PageData {
  name: string
  config: SandboxConfig
  files: SandboxFiles
  solution: SandboxFiles | null
  checks: Check[] | null
}

export interface TestResponse {
  status: number
  headers: Record<string, string>
  body: string
  runtimeError: boolean
  ms: number
}

export interface RuntimeTestHook {
  data: PageData
  runtime: WorkerRuntime
  logs: LogEntry[]
  statuses: RuntimeStatus[]
  /** The starter with the solution laid over it. */
  solution(): SandboxFiles
  /** Starts (or restarts) the app; resolves to the error message, or null when it runs. */
  run(files?: SandboxFiles, options?: StartOptions): Promise<string | null>
  request(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string },
  ): Promise<TestResponse>
  check(): Promise<CheckResult[]>
  /** Sends a request and reads its body as it arrives: each piece with its arrival time (ms after sending). */
  stream(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; pieces: { at: number; text: string }[] }>
  /** A call to the sandbox's database (what the Data panel asks). */
  db<T = unknown>(call: DatabaseCall, files?: SandboxFiles): Promise<T>
  /** Shows the sandbox's preview (or `path`) in the page's iframe once the app runs. */
  showPreview(path?: string): Promise<string>
}

declare global {
  interface Window {
    __runtimeTest: RuntimeTestHook
  }
}

const data = JSON.parse(document.getElementById('sandbox-data')!.textContent!) as PageData
const params = new URLSearchParams(location.search)
const runtime = new WorkerRuntime({
  name: data.name,
  ...(data.config.services ? { services: data.config.services } : {}),
  timeoutMs: params.has('timeout') ? Number(params.get('timeout')) : undefined,
  runnerLoadTimeoutMs: params.has('runner-timeout') ? Number(params.get('runner-timeout')) : undefined,
})
const logs: LogEntry[] = []
const statuses: RuntimeStatus[] = []
const $ = (id: string) => document.getElementById(id)!

runtime.onLog((entry) => {
  logs.push(entry)
  const where = entry.file ? `${entry.file}${entry.line ? `:${entry.line}` : ''} ` : ''
  $('logs').textContent += `[${entry.source} ${entry.level}] ${where}${entry.message}\n`
})
runtime.onStatus((status) => {
  statuses.push(status)
  $('status').textContent =
    status.state +
    ('message' in status ? `: ${status.message}` : '') +
    ('previewUrl' in status && status.previewUrl ? ` (${status.previewUrl})` : '')
})

async function request(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<TestResponse> {
  const t0 = performance.now()
  const response = await runtime.fetch(
    sandboxRequest(new URL(path, 'http://sandbox.test'), { method, headers: init.headers, body: init.body }),
  )
  const body = await response.text()
  const result = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body,
    runtimeError: isRuntimeError(response),
    ms: performance.now() - t0,
  }
  $('response').textContent = `${result.status}\n${body}`
  return result
}

async function showPreview(path = data.config.preview ?? '/'): Promise<string> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const status = runtime.status
    if (status.state === 'running' && status.previewUrl) {
      const url = previewUrlFor(status.previewUrl, path)
      ;($('preview') as HTMLIFrameElement).src = url
      return url
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`no preview URL; status: ${JSON.stringify(runtime.status)}`)
}

window.__runtimeTest = {
  data,
  runtime,
  logs,
  statuses,
  solution: () => ({ ...data.files, ...data.solution }),
  async run(files = data.files, options) {
    try {
      await runtime.start(files, options)
      return null
    } catch (err) {
      return (err as Error).message
    }
  },
  request,
  async check() {
    // As the sandbox UI does: a sandbox with a database is checked on a freshly seeded one.
    if (hasDatabase(data.files)) await runtime.start(data.files, { freshDatabase: true })
    return runChecks(data.checks ?? [], (req) => runtime.fetch(req))
  },
  showPreview,
  db: (call, files = data.files) => runtime.database(files, call),
  async stream(method, path, init = {}) {
    const t0 = performance.now()
    const response = await runtime.fetch(
      new Request(new URL(path, 'http://sandbox.test'), { method, headers: init.headers, body: init.body }),
    )
    const pieces: { at: number; text: string }[] = []
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    for (let r = await reader.read(); !r.done; r = await reader.read())
      pieces.push({ at: performance.now() - t0, text: decoder.decode(r.value, { stream: true }) })
    return { status: response.status, pieces }
  },
}

$('run').addEventListener(
  'click',
  () => void window.__runtimeTest.run().then(() => data.config.preview && showPreview()),
)
$('send').addEventListener('click', () => {
  const r = data.config.request ?? { method: 'GET', path: '/' }
  void request(r.method, r.path, { headers: r.headers, body: r.body })
})
$('ping').addEventListener('click', () => {
  const out = $('pings')
  out.textContent = String(Number(out.textContent) + 1)
})
