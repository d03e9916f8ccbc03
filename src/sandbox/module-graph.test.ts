import { describe, expect, test } from 'vitest'
import { buildModuleGraph, resolveRelative, TranspileCache, type ModuleGraph } from './module-graph.ts'
import { linkModules } from './module-link.ts'
import { SandboxCodeError, transpileModule } from './transpile.ts'

const VENDOR: Record<string, string> = {
  hono: 'https://sandbox.test/vendor/hono-AAAAAAAA.js',
  'hono/cors': 'https://sandbox.test/vendor/hono/cors-BBBBBBBB.js',
  'hono/jsx/jsx-runtime': 'https://sandbox.test/vendor/hono/jsx/jsx-runtime-CCCCCCCC.js',
  zod: 'https://sandbox.test/vendor/zod-DDDDDDDD.js',
}
const resolveBare = (s: string) => VENDOR[s]

async function codeError(promise: Promise<unknown>): Promise<SandboxCodeError> {
  const err = await promise.catch((e: unknown) => e)
  expect(err).toBeInstanceOf(SandboxCodeError)
  return err as SandboxCodeError
}

/** Links with readable fake URLs ("mod:src/db.ts") and returns path → linked code. */
function linked(graph: ModuleGraph): Record<string, string> {
  const code: Record<string, string> = {}
  linkModules(graph.modules, (c, path) => {
    code[path] = c
    return `mod:${path}`
  })
  return code
}

describe('transpileModule', () => {
  test('strips types and keeps every line where it was', () => {
    const source = [
      'import type { Context } from "hono"',
      'const n: number = 1',
      '',
      'enum E { A }',
      'export function f(c: Context): string {',
      '  throw new Error("line 6")',
      '}',
    ].join('\n')
    const out = transpileModule('src/app.ts', source)
    expect(out).not.toContain(': number')
    expect(out).not.toContain('import type')
    expect(out.split('\n')).toHaveLength(source.split('\n').length)
    expect(out.split('\n')[5]).toContain('line 6')
  })

  test('compiles TSX to Hono JSX with the automatic runtime, on the same lines', () => {
    const out = transpileModule('src/page.tsx', 'export const Page = () => (\n  <h1 class="x">Hi</h1>\n)')
    expect(out).toContain('hono/jsx/jsx-runtime')
    expect(out.split('\n')[1]).toContain('_jsx')
  })

  test('JSON becomes a default export', () => {
    expect(transpileModule('data/x.json', '{\n  "a": 1\n}')).toBe('export default {\n  "a": 1\n};')
  })

  test('syntax errors carry the file, line and column', () => {
    try {
      transpileModule('src/app.ts', 'const a = 1\nconst b = ;\n')
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(SandboxCodeError)
      expect(err).toMatchObject({
        file: 'src/app.ts',
        line: 2,
        column: 11,
        message: 'SyntaxError: Unexpected token',
      })
    }
  })

  test('plain JavaScript is parsed too, so its syntax errors are located', () => {
    expect(() => transpileModule('public/x.js', 'function (')).toThrow(SandboxCodeError)
  })

  test('bad JSON names the file', () => {
    expect(() => transpileModule('data/x.json', '{ a: 1 }')).toThrow(/data\/x\.json is not valid JSON/)
  })
})

describe('buildModuleGraph', () => {
  test('rewrites bare imports to vendored URLs and links relative imports, dependencies first', async () => {
    const files = {
      'src/app.ts': [
        "import { Hono } from 'hono'",
        "import { cors } from 'hono/cors'",
        "import { list } from './db'",
        "import data from '../data/seed.json' with { type: 'json' }",
        "export * from './types.js'",
        'const app = new Hono().use(cors())',
        "app.get('/', async (c) => c.json({ list: list(), data, lazy: await import('./lazy.ts') }))",
        'export default app',
      ].join('\n'),
      'src/db.ts':
        "import { z } from 'zod'\nexport const list = (): string[] => z.array(z.string()).parse([])",
      'src/types.ts': 'export type Id = string\nexport const version = 1',
      'src/lazy.ts': 'export const x = 1',
      'data/seed.json': '[1, 2]',
      'src/server.ts': "import { serve } from '@hono/node-server'", // not reachable from the entry: never transpiled
      'public/index.html': '<h1>hi</h1>',
    }
    const graph = await buildModuleGraph(files, { resolveBare })
    expect(graph.entry).toBe('src/app.ts')
    expect(graph.modules.map((m) => m.path)).toEqual([
      'src/db.ts',
      'data/seed.json',
      'src/types.ts',
      'src/lazy.ts',
      'src/app.ts',
    ])
    expect(graph.vendorUrls.sort()).toEqual([VENDOR.hono, VENDOR['hono/cors'], VENDOR.zod].sort())
    const code = linked(graph)
    const app = code['src/app.ts']!.split('\n')
    expect(app[0]).toBe(`import { Hono } from '${VENDOR.hono}'`)
    expect(app[2]).toBe("import { list } from 'mod:src/db.ts'")
    // The JSON import attribute is blanked (JSON became JavaScript), keeping the line's length.
    expect(app[3]).toMatch(/^import data from 'mod:data\/seed\.json'\s+$/)
    expect(app[4]).toBe("export * from 'mod:src/types.ts'")
    expect(app[6]).toContain('import("mod:src/lazy.ts")')
    expect(code['src/db.ts']).toContain(`from '${VENDOR.zod}'`)
    expect(Object.keys(graph.transpileMs).sort()).toEqual([
      'data/seed.json',
      'src/app.ts',
      'src/db.ts',
      'src/lazy.ts',
      'src/types.ts',
    ])
  })

  test('imports used only as types disappear, as with tsx and esbuild', async () => {
    const graph = await buildModuleGraph(
      {
        'src/app.ts':
          "import { Context } from 'hono'\nimport { Missing } from 'nowhere'\nexport default (c: Context): Missing => c",
      },
      { resolveBare },
    )
    expect(graph.vendorUrls).toEqual([])
  })

  test('a cache skips files whose source did not change', async () => {
    const cache = new TranspileCache()
    const files = {
      'src/app.ts': "import { a } from './a'\nexport default a",
      'src/a.ts': 'export const a = 1',
    }
    await buildModuleGraph(files, { resolveBare, cache })
    const again = await buildModuleGraph(
      { ...files, 'src/app.ts': "import { a } from './a'\nexport default  a" },
      { resolveBare, cache },
    )
    expect(again.cached).toEqual(['src/a.ts'])
    expect(Object.keys(again.transpileMs)).toEqual(['src/app.ts'])
  })

  test('an unknown package names the file, the line and what is available', async () => {
    const err = await codeError(
      buildModuleGraph(
        { 'src/app.ts': "const x = 1\nimport _ from 'lodash'\nexport default _(x)" },
        { resolveBare, availablePackages: 'hono, zod' },
      ),
    )
    expect(err).toMatchObject({ file: 'src/app.ts', line: 2 })
    expect(err.message).toBe(
      'The package "lodash" is not available in the browser runtime, which can import: hono, zod.',
    )
  })

  test('Node modules get an explanation', async () => {
    const err = await codeError(
      buildModuleGraph(
        { 'src/app.ts': "import { readFile } from 'node:fs/promises'\nreadFile('x')" },
        { resolveBare },
      ),
    )
    expect(err.message).toMatch(/"node:fs\/promises" is a Node\.js module.*WebContainer/)
    expect(
      (await codeError(buildModuleGraph({ 'src/app.ts': "import 'path'" }, { resolveBare }))).message,
    ).toMatch(/Node\.js module/)
  })

  test('a missing relative import names the importer and line', async () => {
    const err = await codeError(
      buildModuleGraph(
        { 'src/app.ts': "\n\nimport { db } from './database'\nexport default db" },
        { resolveBare },
      ),
    )
    expect(err).toMatchObject({ file: 'src/app.ts', line: 3 })
    expect(err.message).toMatch(/^Cannot find "\.\/database"/)
  })

  test('circular imports are refused with a way out', async () => {
    const files = { 'src/app.ts': "import './a'", 'src/a.ts': "import './b'", 'src/b.ts': "import './a'" }
    const err = await codeError(buildModuleGraph(files, { resolveBare }))
    expect(err.file).toBe('src/b.ts')
    expect(err.message).toMatch(/^Circular import: src\/b\.ts imports src\/a\.ts.*third file/)
  })

  test('a syntax error in an imported file is located in that file', async () => {
    const err = await codeError(
      buildModuleGraph(
        { 'src/app.ts': "import './db'", 'src/db.ts': 'export const x = {\n  a: 1,\n  b: ,\n}' },
        { resolveBare },
      ),
    )
    expect(err).toMatchObject({ file: 'src/db.ts', line: 3 })
  })

  test('there must be a src/app.ts', async () => {
    expect((await codeError(buildModuleGraph({ 'src/index.ts': '' }, { resolveBare }))).message).toMatch(
      /There is no src\/app\.ts/,
    )
  })

  test('URL imports are left alone', async () => {
    const graph = await buildModuleGraph(
      { 'src/app.ts': "import x from 'https://esm.sh/x'\nexport default x" },
      { resolveBare },
    )
    expect(graph.modules[0]!.code).toContain("'https://esm.sh/x'")
  })
})

describe('resolveRelative', () => {
  const files = {
    'src/app.ts': '',
    'src/db/index.ts': '',
    'src/util.tsx': '',
    'data/a.json': '',
    'public/index.html': '',
  }
  test.each([
    ['./db', 'src/db/index.ts'],
    ['./util.js', 'src/util.tsx'],
    ['./util', 'src/util.tsx'],
    ['../data/a.json', 'data/a.json'],
    ['./db/index.ts', 'src/db/index.ts'],
  ])('%s from src/app.ts → %s', (specifier, expected) => {
    expect(resolveRelative('src/app.ts', specifier, files)).toBe(expected)
  })

  test('outside the sandbox, missing files and non-modules are problems', () => {
    expect(resolveRelative('src/app.ts', '../../x', files)).toEqual({
      problem: '"../../x" points outside the sandbox',
    })
    expect(resolveRelative('src/app.ts', './nope', files)).toMatchObject({
      problem: expect.stringMatching(/^Cannot find/),
    })
    expect(resolveRelative('src/app.ts', '../public/index.html', files)).toMatchObject({
      problem: expect.stringMatching(/Serve other files from public/),
    })
  })
})
