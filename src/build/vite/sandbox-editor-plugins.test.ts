import { describe, expect, it } from 'vitest'
import { VENDORED_PACKAGES, vendoredSpecifiers } from '../../sandbox/vendor/vendored.ts'
import { defaultTypeSpecs } from './sandbox-editor-plugins.ts'

const root = process.cwd()

describe("the editor's type packages", () => {
  it('cover exactly the specifiers the browser runtime vendors, no more, no fewer', () => {
    const typed = defaultTypeSpecs(root).flatMap((spec) => spec.entries)
    expect([...typed].sort()).toEqual([...vendoredSpecifiers(root)].sort())
  })

  it('include hono with its subpaths and every vendored package, and no import the runtime lacks', () => {
    const typed = new Set(defaultTypeSpecs(root).flatMap((spec) => spec.entries))
    for (const { specifier } of VENDORED_PACKAGES) expect(typed).toContain(specifier)
    expect(typed).toContain('hono')
    expect(typed).toContain('hono/cors')
    // Adapters for other runtimes, and a zod entry point the runtime does not ship.
    expect(typed).not.toContain('hono/bun')
    expect(typed).not.toContain('zod/v4')
  })

  it('group entries by package, as sandbox imports are grouped (import-roots.ts)', () => {
    const specs = defaultTypeSpecs(root)
    expect(specs.find((s) => s.name === 'zod')?.entries).toEqual(['zod', 'zod/mini'])
    expect(specs.find((s) => s.name === '@hono/node-server')?.entries).toEqual([
      '@hono/node-server',
      '@hono/node-server/serve-static',
    ])
    for (const spec of specs) for (const entry of spec.entries) expect(entry.startsWith(spec.name)).toBe(true)
  })
})
