import { strFromU8, unzipSync } from 'fflate'
import { expect, test } from 'vitest'
import { loadSandbox } from '../../course/sandbox-loader.ts'
import { lockedVersions } from '../../course/locked-versions.ts'
import { pinManifest, projectFiles, zipProject } from './download-project.ts'

test('a database sandbox downloads with db/, its pinned dependencies and a README', async () => {
  const sandbox = await loadSandbox('tasks-db')
  const versions = lockedVersions(sandbox.dir, sandbox.files['package.json'])
  const files = projectFiles(sandbox.files, {
    name: 'tasks-db',
    title: sandbox.config.title,
    versions,
    curl: 'curl -i http://localhost:3000/tasks',
  })
  const entries = unzipSync(zipProject('tasks-db', files))
  expect(Object.keys(entries).sort()).toEqual(
    [
      'README.md',
      'db/schema.sql',
      'db/seed.sql',
      'package.json',
      'src/app.ts',
      'src/db.ts',
      'src/server.ts',
    ].map((p) => `tasks-db/${p}`),
  )
  const manifest = JSON.parse(strFromU8(entries['tasks-db/package.json']!)) as Record<
    string,
    Record<string, string>
  >
  expect(manifest.dependencies!['@electric-sql/pglite']).toMatch(/^\d+\.\d+\.\d+$/)
  expect(manifest.devDependencies!.vitest).toBeUndefined() // no test files in the download
  expect(manifest.scripts!.test).toBeUndefined()
  expect(strFromU8(entries['tasks-db/README.md']!)).toContain('curl -i http://localhost:3000/tasks')
})

test('pinning keeps what the course does not know, and a package.json that is not JSON', () => {
  const text = JSON.stringify({
    dependencies: { hono: '^4.0.0', leftpad: '^1.0.0' },
    scripts: { test: 'vitest run' },
  })
  expect(JSON.parse(pinManifest(text, { hono: '4.13.19' }, true))).toEqual({
    dependencies: { hono: '4.13.19', leftpad: '^1.0.0' },
    scripts: { test: 'vitest run' },
  })
  expect(pinManifest('{ oops', { hono: '4.13.19' }, false)).toBe('{ oops')
})

test('a sandbox with its own lockfile is pinned from it', async () => {
  const sandbox = await loadSandbox('node-npm-dependency')
  const own = JSON.parse(sandbox.files['package-lock.json']!) as {
    packages: Record<string, { version: string }>
  }
  const versions = lockedVersions(sandbox.dir, sandbox.files['package.json'])
  for (const [name, version] of Object.entries(versions))
    expect(version).toBe(own.packages[`node_modules/${name}`]!.version)
  expect(Object.keys(versions).length).toBeGreaterThan(0)
})
