import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  isRuntimeError,
  RUNTIME_ERROR_HEADER,
  type LogEntry,
  type RuntimeStatus,
  type SandboxFiles,
} from '../runtime.ts'
import { fallBackAfterBoot } from '../runtime-choice.ts'
import { DEFAULT_BOOT_TIMEOUT_MS, readBootTimeout, resetBootForTests } from './boot.ts'
import { FakeWebContainer } from './testing/fake-webcontainer.ts'
import { explainFallback } from './fallback-reason.ts'
import { WebContainerRuntime, WebContainerUnavailableError } from './webcontainer-runtime.ts'

vi.mock('@webcontainer/api', async () => ({
  WebContainer: (await import('./testing/fake-webcontainer.ts')).FakeWebContainer,
}))

const PACKAGE_JSON = JSON.stringify({
  name: 'node-env-config',
  scripts: { dev: 'tsx watch src/server.ts' },
  dependencies: { hono: '^4.0.0' },
})
const FILES: SandboxFiles = {
  'package.json': PACKAGE_JSON,
  'package-lock.json': '{"lockfileVersion":3}',
  'src/app.ts': 'export default app // v1',
  'src/server.ts': 'serve({ fetch: app.fetch, port: Number(process.env.PORT) })',
}

const runtimes: WebContainerRuntime[] = []
function runtime(
  name = 'node-env-config',
  options: Partial<ConstructorParameters<typeof WebContainerRuntime>[0]> = {},
) {
  const r = new WebContainerRuntime({ name, ...options })
  runtimes.push(r)
  return r
}

function container(): FakeWebContainer {
  const c = FakeWebContainer.instance
  if (!c) throw new Error('not booted')
  return c
}

function statesOf(r: WebContainerRuntime): RuntimeStatus[] {
  const seen: RuntimeStatus[] = []
  r.onStatus((s) => seen.push(s))
  return seen
}

beforeEach(() => {
  FakeWebContainer.reset()
  resetBootForTests()
})

afterEach(() => {
  for (const r of runtimes.splice(0)) r.dispose()
})

describe('WebContainerRuntime: boot, mount, install, start', () => {
  it('boots one container per page for every sandbox on it, with require-corp isolation', async () => {
    const a = runtime('node-env-config')
    const b = runtime('node-npm-dependency')
    await Promise.all([a.start(FILES), b.start(FILES)])
    expect(FakeWebContainer.bootCalls).toBe(1)
    expect(FakeWebContainer.bootOptions[0]).toMatchObject({ coep: 'require-corp' })
    // Each sandbox has its own folder and port, so each gets its own server-ready URL.
    expect(a.previewUrl).toBe('https://3000.fake-webcontainer.test')
    expect(b.previewUrl).toBe('https://3001.fake-webcontainer.test')
    expect(container().files.get('node-npm-dependency/src/app.ts')).toBe(FILES['src/app.ts'])
  })

  it('mounts the files, committed lock file included, in the sandbox folder', async () => {
    await runtime().start(FILES)
    for (const [path, contents] of Object.entries(FILES))
      expect(container().files.get(`node-env-config/${path}`)).toBe(contents)
    expect(Object.keys(container().mounts[0]!)).toEqual(['node-env-config'])
  })

  it('runs npm install with progress, then npm run dev with its own PORT, and is running at server-ready', async () => {
    const r = runtime()
    const states = statesOf(r)
    const output: string[] = []
    r.onOutput((chunk) => output.push(chunk))
    await r.start(FILES)

    const [install] = container().spawned('npm install')
    expect(install!.call).toMatchObject({
      cwd: 'node-env-config',
      args: ['install', '--no-audit', '--no-fund'],
    })
    const [dev] = container().spawned('npm run dev')
    expect(dev!.call).toMatchObject({ cwd: 'node-env-config', env: { PORT: 3000 } })

    const sequence = states.map((s) => s.state).filter((state, i, all) => state !== all[i - 1])
    expect(sequence).toEqual(['booting', 'installing', 'starting', 'running'])
    expect(states.find((s) => s.state === 'installing' && s.detail?.startsWith('added'))).toBeTruthy()
    expect(r.status).toEqual({ state: 'running', previewUrl: 'https://3000.fake-webcontainer.test' })
    expect(output.join('')).toContain('added 4 packages')
    expect(output.join('')).toContain('Listening on http://localhost:3000')
  })

  it('streams the server output to the console as log entries, located in the sandbox files', async () => {
    const r = runtime()
    const logs: LogEntry[] = []
    r.onLog((entry) => logs.push(entry))
    await r.start(FILES)
    const [dev] = container().spawned('npm run dev')
    dev!.print(
      'TypeError: boom\r\n    at handler (/home/course/node-env-config/src/app.ts:12:5)\r\n    at node_modules/hono/dist/hono.js:1:1\r\n',
    )
    await vi.waitFor(() => expect(logs.some((l) => l.line === 12)).toBe(true))
    expect(logs.map((l) => l.message)).toContain('Listening on http://localhost:3000')
    expect(logs.some((l) => l.message.startsWith('> '))).toBe(false)
    expect(logs.find((l) => l.message === 'TypeError: boom')).toMatchObject({ level: 'error', source: 'app' })
    expect(logs.find((l) => l.line === 12)).toMatchObject({ file: 'src/app.ts', line: 12, column: 5 })
  })
})

describe('WebContainerRuntime: requests', () => {
  it('sends requests to the server behind the server-ready URL, with method, headers, body and the raw status', async () => {
    const r = runtime()
    await r.start(FILES)

    const get = await r.fetch(new Request('http://sandbox.local/file?path=src/app.ts'))
    expect(get.status).toBe(200)
    expect(await get.text()).toBe('export default app // v1')

    const post = await r.fetch(
      new Request('http://sandbox.local/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-course': 'yes' },
        body: '{"name":"Alice"}',
      }),
    )
    expect(post.status).toBe(201)
    expect(await post.json()).toEqual({ method: 'POST', body: { name: 'Alice' }, header: 'yes' })

    // Redirects reach the request panel as they are, never followed.
    const redirect = await r.fetch(new Request('http://sandbox.local/redirect'))
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe('/file?path=src/app.ts')

    // One relay process serves all requests.
    expect(container().spawned('node .course/relay.mjs')).toHaveLength(1)
    expect(container().files.get('.course/relay.mjs')).toContain('@@relay:')
  })

  it('answers from the right sandbox when two run on the page', async () => {
    const a = runtime('sandbox-a')
    const b = runtime('sandbox-b')
    await a.start(FILES)
    await b.start({ ...FILES, 'src/app.ts': 'b' })
    expect(await (await a.fetch(new Request('http://x/file?path=src/app.ts'))).text()).toBe(
      FILES['src/app.ts'],
    )
    expect(await (await b.fetch(new Request('http://x/file?path=src/app.ts'))).text()).toBe('b')
  })

  it("answers in the app's place, marked as a runtime error, when the app is not running", async () => {
    const res = await runtime().fetch(new Request('http://x/'))
    expect(isRuntimeError(res)).toBe(true)
    expect(res.headers.get(RUNTIME_ERROR_HEADER)).toBe('not-running')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({
      error: expect.stringMatching(/not running: press Run/),
      runtimeError: 'not-running',
    })
  })

  it('marks a relay failure (the server went away) as a runtime error instead of rejecting', async () => {
    const r = runtime()
    await r.start(FILES)
    container().servers.clear()
    const res = await r.fetch(new Request('http://x/file?path=src/app.ts'))
    expect(res.headers.get(RUNTIME_ERROR_HEADER)).toBe('not-running')
    expect((await res.json()).error).toMatch(/not accepting connections/)
  })
})

describe('WebContainerRuntime: edits, stop, restart, reinstall', () => {
  it('writes edits through to the container without reinstalling; the dev server sees them', async () => {
    const r = runtime()
    await r.start({ ...FILES, 'src/old.ts': 'old' })
    await r.update({ ...FILES, 'src/app.ts': 'export default app // v2', 'src/routes/new.ts': 'new' })
    expect(container().files.get('node-env-config/src/app.ts')).toBe('export default app // v2')
    expect(container().files.get('node-env-config/src/routes/new.ts')).toBe('new')
    expect(container().files.has('node-env-config/src/old.ts')).toBe(false)
    expect(container().spawned('npm install')).toHaveLength(1)
    expect(container().spawned('npm run dev')).toHaveLength(1) // tsx watch restarts it, not us
    expect(await (await r.fetch(new Request('http://x/file?path=src/app.ts'))).text()).toBe(
      'export default app // v2',
    )
  })

  it('stops the server and restarts without reinstalling when the dependencies did not change', async () => {
    const r = runtime()
    await r.start(FILES)
    const [first] = container().spawned('npm run dev')
    await r.stop()
    expect(first!.killed).toBe(true)
    expect(r.status).toEqual({ state: 'stopped' })
    expect((await r.fetch(new Request('http://x/'))).headers.get(RUNTIME_ERROR_HEADER)).toBe('not-running')

    const scriptsOnly = JSON.stringify({
      ...JSON.parse(PACKAGE_JSON),
      scripts: { dev: 'tsx watch --clear-screen=false src/server.ts' },
    })
    await r.start({ ...FILES, 'package.json': scriptsOnly })
    expect(container().spawned('npm install')).toHaveLength(1)
    expect(container().spawned('npm run dev')).toHaveLength(2)
    expect(r.status.state).toBe('running')
  })

  it('reinstalls and restarts when package.json gains a dependency', async () => {
    const r = runtime()
    await r.start(FILES)
    const withNanoid = JSON.stringify({
      ...JSON.parse(PACKAGE_JSON),
      dependencies: { hono: '^4.0.0', nanoid: '^5.0.0' },
    })
    await r.update({ ...FILES, 'package.json': withNanoid })
    expect(container().spawned('npm install')).toHaveLength(2)
    expect(container().spawned('npm run dev')).toHaveLength(2)
    expect(container().spawned('npm run dev')[0]!.killed).toBe(true)
    expect(r.status.state).toBe('running')
  })

  it('applies edits made while stopped at the next start', async () => {
    const r = runtime()
    await r.start(FILES)
    await r.stop()
    await r.update({ ...FILES, 'src/app.ts': 'v3' })
    await r.start({ ...FILES, 'src/app.ts': 'v3' })
    expect(container().files.get('node-env-config/src/app.ts')).toBe('v3')
  })

  it('says so when npm install fails, and never reports running', async () => {
    const r = runtime()
    const c = await bootAndGet()
    c.handlers.set('npm install', (proc) => {
      proc.print('npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope\r\n')
      proc.finish(1)
    })
    await expect(r.start(FILES)).rejects.toThrow(/npm install failed \(exit code 1\)/)
    expect(r.status).toMatchObject({ state: 'crashed', message: expect.stringMatching(/npm install failed/) })
  })

  it('says so when the dev server exits before listening', async () => {
    const r = runtime()
    const c = await bootAndGet()
    c.handlers.set('npm run dev', (proc) => {
      proc.print('Error: Cannot find module ./app.ts\r\n')
      proc.finish(1)
    })
    await expect(r.start(FILES)).rejects.toThrow(/exited with code 1 before it started listening/)
    expect(r.status.state).toBe('crashed')
  })

  it('bounds a dev server that never listens', async () => {
    const r = runtime('node-env-config', { startTimeoutMs: 30 })
    const c = await bootAndGet()
    c.handlers.set('npm run dev', () => {})
    await expect(r.start(FILES)).rejects.toThrow(/did not start listening on port 3000 within/)
    expect(c.spawned('npm run dev')[0]!.killed).toBe(true)
  })

  it('reports a crash after start', async () => {
    const r = runtime()
    await r.start(FILES)
    container().spawned('npm run dev')[0]!.finish(1)
    await vi.waitFor(() =>
      expect(r.status).toMatchObject({
        state: 'crashed',
        message: expect.stringMatching(/exited with code 1/),
      }),
    )
  })

  it('opens an interactive shell in the sandbox folder', async () => {
    const r = runtime()
    const shell = await r.spawnShell({ cols: 80, rows: 24 })
    expect(container().spawned('jsh')[0]!.call).toMatchObject({
      cwd: 'node-env-config',
      terminal: { cols: 80, rows: 24 },
    })
    expect(shell.input).toBeInstanceOf(WritableStream)
  })

  it('releases its listeners and port on dispose but leaves the page container running', async () => {
    const r = runtime()
    await r.start(FILES)
    expect(container().listenerCount('server-ready')).toBeGreaterThan(0)
    r.dispose()
    expect(container().listenerCount('server-ready')).toBe(0)
    expect(container().spawned('npm run dev')[0]!.killed).toBe(true)
    const next = runtime('another')
    await next.start(FILES)
    expect(next.previewUrl).toBe('https://3000.fake-webcontainer.test')
    expect(FakeWebContainer.bootCalls).toBe(1)
  })
})

describe('WebContainerRuntime: boot timeout and fallback decision', () => {
  it('gives up on a boot that hangs (StackBlitz unreachable) after the timeout, with a typed reason', async () => {
    FakeWebContainer.bootBehaviour = 'hang'
    const r = runtime('hello-node-server', { bootTimeoutMs: 40 })
    const states = statesOf(r)
    const error = await r.start(FILES).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebContainerUnavailableError)
    const reason = (error as WebContainerUnavailableError).reason
    expect(reason).toEqual({ code: 'boot-timeout', timeoutMs: 40 })
    expect(states.map((s) => s.state)).toEqual(['booting', 'crashed'])

    // The decision: a sandbox that supports the worker runtime moves there; a Node-only one shows the panel.
    expect(fallBackAfterBoot(['webcontainer', 'worker'], reason)).toEqual({
      runtime: 'worker',
      switchable: true,
      fallback: reason,
    })
    expect(fallBackAfterBoot(['webcontainer'], reason)).toEqual({ runtime: 'none', reason })
    expect(explainFallback(reason, true).summary).toBe(
      'could not reach the WebContainer service within 0.04 s',
    )
  })

  it('does not make later sandboxes on the page wait for the same hung boot', async () => {
    FakeWebContainer.bootBehaviour = 'hang'
    await runtime('a', { bootTimeoutMs: 40 })
      .start(FILES)
      .catch(() => undefined)
    const started = performance.now()
    const error = await runtime('b', { bootTimeoutMs: 60_000 })
      .start(FILES)
      .catch((e: unknown) => e)
    expect((error as WebContainerUnavailableError).reason).toEqual({ code: 'boot-timeout', timeoutMs: 40 })
    expect(FakeWebContainer.bootCalls).toBe(1)
    // Not a timing assertion on the runtime: only proof that the 60 s timer was never used.
    expect(performance.now() - started).toBeLessThan(30_000)
  })

  it('turns a rejected boot into boot-failed, explained as blocked third-party cookies when it is', async () => {
    FakeWebContainer.bootBehaviour = new Error(
      'Failed to read the localStorage property: access is denied for this document (third-party storage blocked)',
    )
    const error = (await runtime()
      .start(FILES)
      .catch((e: unknown) => e)) as WebContainerUnavailableError
    expect(error.reason.code).toBe('boot-failed')
    expect(explainFallback(error.reason, false).summary).toMatch(/blocks third-party cookies/)
  })

  it('defaults the timeout to 20 s and reads ?wc-timeout= before data-wc-timeout', () => {
    const warn = vi.fn()
    expect(DEFAULT_BOOT_TIMEOUT_MS).toBe(20_000)
    expect(readBootTimeout({ warn })).toBe(20_000)
    expect(readBootTimeout({ search: '?wc-timeout=1500', attributes: ['9000'], warn })).toBe(1500)
    expect(readBootTimeout({ search: '?lesson=1', attributes: [null, '9000'], warn })).toBe(9000)
    expect(warn).not.toHaveBeenCalled()
    expect(readBootTimeout({ search: '?wc-timeout=soon', attributes: ['5'], warn })).toBe(20_000)
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[0]![0]).toMatch(/\?wc-timeout="soon".*between 100 and 600000/)
  })
})

describe('explainFallback', () => {
  it('says what happened, why and what to do for every reason, with or without the worker runtime', () => {
    const reasons = [
      { code: 'ios' },
      { code: 'not-isolated' },
      { code: 'no-shared-array-buffer' },
      { code: 'offline' },
      { code: 'boot-timeout', timeoutMs: 20_000 },
      { code: 'boot-failed', message: 'Unexpected' },
    ] as const
    for (const reason of reasons) {
      for (const fellBack of [true, false]) {
        const text = explainFallback(reason, fellBack)
        expect(text.summary.length, reason.code).toBeGreaterThan(5)
        expect(text.what).toMatch(fellBack ? /in-browser runtime instead/ : /needs real Node/)
        expect(text.why.length).toBeGreaterThan(20)
        expect(text.todo.length).toBeGreaterThan(0)
      }
    }
    expect(explainFallback({ code: 'boot-timeout', timeoutMs: 20_000 }, true).summary).toBe(
      'could not reach the WebContainer service within 20 s',
    )
    expect(explainFallback({ code: 'ios' }, false).summary).toBe('WebContainers do not run on iOS')
  })
})

async function bootAndGet(): Promise<FakeWebContainer> {
  // Boot through a throwaway runtime so handlers can be scripted before the real start.
  const probe = new WebContainerRuntime({ name: 'probe' })
  await probe.spawnShell({ cols: 10, rows: 2 })
  probe.dispose()
  return container()
}

// Keep Hono imported so the fake's default server type-checks against the same version.
void Hono
