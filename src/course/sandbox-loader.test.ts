import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  loadSandbox,
  loadSandboxes,
  missingLockfile,
  SandboxError,
  SandboxLoadError,
  solutionFiles,
} from './sandbox-loader.ts'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const CONFIG = { title: 'Hello', files: ['src/app.ts'], open: 'src/app.ts', runtimes: ['worker'] }
const PACKAGE = JSON.stringify({
  name: 'x',
  private: true,
  type: 'module',
  scripts: { dev: 'tsx src/server.ts' },
})

/** Writes a sandbox folder from path → content (objects are written as JSON); returns the root. */
function sandbox(files: Record<string, string | object | Buffer>, name = 'demo'): string {
  const root = mkdtempSync(join(tmpdir(), 'sandboxes-'))
  roots.push(root)
  for (const [path, content] of Object.entries({
    'sandbox.json': CONFIG,
    'package.json': PACKAGE,
    'src/app.ts': 'export default {}',
    ...files,
  })) {
    const file = join(root, name, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(
      file,
      typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content),
    )
  }
  return root
}

async function problemOf(root: string, name = 'demo'): Promise<SandboxError> {
  const err = await loadSandbox(name, root).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(SandboxError)
  return err as SandboxError
}

describe('loadSandbox: a good sandbox', () => {
  test('reads config, every runtime file, the solution overlay and the checks', async () => {
    const root = sandbox({
      'sandbox.json': {
        ...CONFIG,
        files: ['src/app.ts', 'public/index.html'],
        request: { method: 'POST', path: '/hello', body: '{}' },
        preview: '/',
      },
      'src/server.ts': 'serve()',
      'src/app.test.ts': 'test',
      'public/index.html': '<h1>hi</h1>',
      'public/css/site.css': 'h1{}',
      'solution/src/app.ts': 'export default { solved: true }',
      'checks.ts': `export default [{ name: 'says hi', hint: 'Say hi.', request: { method: 'GET', path: '/' }, expect: { status: 200 } }]`,
      'node_modules/x/index.js': 'ignored',
    })
    const loaded = await loadSandbox('demo', root)
    expect(loaded.name).toBe('demo')
    expect(loaded.dir).toBe(join(root, 'demo'))
    expect(loaded.config).toMatchObject({
      title: 'Hello',
      open: 'src/app.ts',
      runtimes: ['worker'],
      preview: '/',
    })
    expect(Object.keys(loaded.files).sort()).toEqual([
      'package.json',
      'public/css/site.css',
      'public/index.html',
      'src/app.ts',
      'src/server.ts',
    ])
    expect(loaded.solution).toEqual({ 'src/app.ts': 'export default { solved: true }' })
    expect(loaded.checks).toEqual([
      { name: 'says hi', hint: 'Say hi.', request: { method: 'GET', path: '/' }, expect: { status: 200 } },
    ])
    expect(solutionFiles(loaded)['src/app.ts']).toBe('export default { solved: true }')
    expect(solutionFiles(loaded)['public/index.html']).toBe('<h1>hi</h1>')
  })

  test('loadSandboxes loads the repository seeds, sorted', async () => {
    const all = await loadSandboxes()
    const names = all.map((s) => s.name)
    expect(names).toEqual([...names].sort())
    expect(names).toEqual(
      expect.arrayContaining(['hello-hono', 'hello-json-post', 'hello-react-page', 'hello-xhr-page']),
    )
    const exercise = all.find((s) => s.name === 'hello-json-post')!
    expect(exercise.checks?.length).toBeGreaterThan(2)
    expect(Object.keys(exercise.solution ?? {})).toEqual(['src/app.ts'])
  })
})

describe('loadSandbox: each problem names the sandbox, the file and the problem', () => {
  test('a sandbox.json field of the wrong type', async () => {
    const err = await problemOf(sandbox({ 'sandbox.json': { ...CONFIG, title: 3 } }))
    expect(err.sandbox).toBe('demo')
    expect(err.file).toMatch(/demo\/sandbox\.json$/)
    expect(err.problem).toMatch(/^title: /)
    expect(err.message).toBe(`${err.file}: ${err.problem}`)
  })

  test('sandbox.json that is not JSON', async () => {
    expect((await problemOf(sandbox({ 'sandbox.json': '{ title:' }))).problem).toMatch(/^not valid JSON/)
  })

  test('an unknown field in sandbox.json', async () => {
    expect((await problemOf(sandbox({ 'sandbox.json': { ...CONFIG, tittle: 'x' } }))).problem).toMatch(
      /tittle/,
    )
  })

  test('an unknown runtime', async () => {
    const err = await problemOf(sandbox({ 'sandbox.json': { ...CONFIG, runtimes: ['deno'] } }))
    expect(err.problem).toBe('runtimes.0: unknown runtime "deno": use "worker" or "webcontainer"')
  })

  test('the WebContainer runtime without a package-lock.json', async () => {
    const root = sandbox({ 'sandbox.json': { ...CONFIG, runtimes: ['worker', 'webcontainer'] } })
    const loaded = await loadSandbox('demo', root)
    expect(missingLockfile(loaded)).toMatch(
      /demo\/package-lock\.json: missing: the "webcontainer" runtime installs dependencies/,
    )
    expect(missingLockfile({ ...loaded, config: { ...loaded.config, runtimes: ['worker'] } })).toBeUndefined()
  })

  test('every repository sandbox that offers WebContainers has its lockfile', async () => {
    const problems = (await loadSandboxes()).map(missingLockfile).filter(Boolean)
    expect(problems).toEqual([])
  })

  test('a missing src/app.ts', async () => {
    const root = sandbox({})
    rmSync(join(root, 'demo/src/app.ts'))
    const err = await problemOf(root)
    expect(err.file).toMatch(/demo\/src\/app\.ts$/)
    expect(err.problem).toMatch(/^missing: .*export default app/)
  })

  test('a missing or wrong package.json', async () => {
    const root = sandbox({})
    rmSync(join(root, 'demo/package.json'))
    expect((await problemOf(root)).problem).toMatch(/^missing: .*package\.json/)
    const commonjs = await problemOf(sandbox({ 'package.json': { name: 'x', scripts: { dev: 'x' } } }))
    expect(commonjs.problem).toMatch(/type: must be "module"/)
    expect((await problemOf(sandbox({ 'package.json': { type: 'module' } }))).problem).toMatch(/scripts\.dev/)
  })

  test('open that is not one of files', async () => {
    const err = await problemOf(
      sandbox({ 'sandbox.json': { ...CONFIG, open: 'src/server.ts' }, 'src/server.ts': '' }),
    )
    expect(err.problem).toBe('open: "src/server.ts" must be one of files ("src/app.ts")')
  })

  test('a shown file that does not exist', async () => {
    const err = await problemOf(
      sandbox({ 'sandbox.json': { ...CONFIG, files: ['src/app.ts', 'src/db.ts'] } }),
    )
    expect(err.problem).toBe('files: "src/db.ts" does not exist in the sandbox')
  })

  test('a shown path outside the sandbox', async () => {
    const err = await problemOf(sandbox({ 'sandbox.json': { ...CONFIG, files: ['../secret.ts'] } }))
    expect(err.problem).toMatch(/^files\.0: must be a path inside the sandbox/)
  })

  test('a solution file that replaces nothing', async () => {
    const err = await problemOf(sandbox({ 'solution/src/apps.ts': 'typo' }))
    expect(err.file).toMatch(/demo\/solution\/src\/apps\.ts$/)
    expect(err.problem).toMatch(/^replaces nothing: there is no starter file src\/apps\.ts/)
  })

  test('checks without a solution', async () => {
    const err = await problemOf(sandbox({ 'checks.ts': 'export default []' }))
    expect(err.file).toMatch(/checks\.ts$/)
    expect(err.problem).toMatch(/needs a solution/)
  })

  test('checks that are not a list of checks', async () => {
    const err = await problemOf(
      sandbox({ 'solution/src/app.ts': 'x', 'checks.ts': `export default [{ name: 'x' }]` }),
    )
    expect(err.problem).toMatch(/^check 1 \("x"\): name: .*; check 1 \("x"\): hint: /)
  })

  test('a multi-step check whose template names no earlier step, naming the file and the check', async () => {
    const checks = `export default [{ name: 'logs in', hint: 'Set the cookie.', steps: [
      { id: 'login', request: { method: 'POST', path: '/login' }, expect: { status: 200 } },
      { request: { method: 'GET', path: '/me', headers: { 'X-Session': '{{logn.cookie.session}}' } }, expect: { status: 200 } },
    ] }]`
    const err = await problemOf(sandbox({ 'solution/src/app.ts': 'x', 'checks.ts': checks }))
    expect(err.file).toMatch(/demo\/checks\.ts$/)
    expect(err.message).toMatch(
      /checks\.ts: check 1 \("logs in"\) step 2: request\.headers\.X-Session: \{\{logn\.cookie\.session\}\} names no earlier step: the ids before it are "login"$/,
    )
  })

  test('a binary file', async () => {
    const err = await problemOf(sandbox({ 'public/logo.png': Buffer.from([0x89, 0x50, 0xff, 0xfe, 0x00]) }))
    expect(err.file).toMatch(/public\/logo\.png$/)
    expect(err.problem).toMatch(/not a UTF-8 text file/)
  })

  test('a folder name that is not kebab-case, and a sandbox that does not exist', async () => {
    expect((await problemOf(sandbox({}, 'Bad_Name'), 'Bad_Name')).problem).toMatch(/kebab-case/)
    expect((await problemOf(sandbox({}), 'nope')).problem).toMatch(/no sandbox named "nope"/)
  })

  test('loadSandboxes lists every broken sandbox at once', async () => {
    const root = sandbox({ 'sandbox.json': { ...CONFIG, runtimes: [] } }, 'one')
    mkdirSync(join(root, 'two'))
    const err = await loadSandboxes(root).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SandboxLoadError)
    expect((err as SandboxLoadError).problems.map((p) => p.sandbox)).toEqual(['one', 'two'])
    expect((err as Error).message).toMatch(/2 sandbox problem\(s\)/)
  })
})
