/**
 * "Download" of a sandbox: the files the runtime runs (the same set the WebContainer mounts —
 * `LiveSandbox.files()`, the starter with the learner's code over it) as a Node project in a
 * zip, with package.json's dependencies pinned to the versions the course runs and tests
 * (`check:sandboxes` runs every sandbox against them) and a README that says how to start it.
 * Loaded only when the learner presses Download (fflate's zip is a few KB).
 */
import { strToU8, zipSync } from 'fflate'
import type { SandboxFiles } from '../runtime.ts'

export interface ProjectInfo {
  name: string
  title: string
  /** Dependency → exact version, from the course's lockfile (sandbox-data.ts `versions`). */
  versions: Record<string, string>
  /** The request to try first, as a curl command against `npm run dev`. */
  curl?: string
  /** Several services, each on its own port under Node. */
  services?: string[]
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/

/**
 * package.json as downloaded: every dependency the course knows gets its exact version (a range
 * such as "^4.13.19" could install a release the lesson was never run with). Test files are
 * not part of a sandbox's runtime files, so a `vitest` test script with nothing to run is left
 * out rather than failing `npm test`. A package.json that is not JSON is kept as the learner wrote it.
 */
export function pinManifest(text: string, versions: Record<string, string>, hasTests: boolean): string {
  let manifest: Record<string, unknown>
  try {
    manifest = JSON.parse(text) as Record<string, unknown>
  } catch {
    return text
  }
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const deps = manifest[field]
    if (typeof deps !== 'object' || deps === null) continue
    const pinned: Record<string, unknown> = {}
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (!hasTests && name === 'vitest') continue
      pinned[name] = versions[name] ?? range
    }
    manifest[field] = pinned
  }
  const scripts = manifest.scripts as Record<string, unknown> | undefined
  if (!hasTests && typeof scripts?.test === 'string' && scripts.test.startsWith('vitest')) delete scripts.test
  return `${JSON.stringify(manifest, null, 2)}\n`
}

export function readme(info: ProjectInfo): string {
  const lines = [
    `# ${info.title}`,
    '',
    `The \`${info.name}\` sandbox of the Backend Course, downloaded with your code. It is an ordinary`,
    'Node project (Node 22 or later):',
    '',
    '```sh',
    'npm install && npm run dev',
    '```',
    '',
    info.services
      ? `\`npm run dev\` starts each service (${info.services.join(', ')}) on its own port and prints where.`
      : '`npm run dev` serves the app on http://localhost:3000 (set `PORT` for another port) and restarts it when you save a file.',
  ]
  if (info.curl) lines.push('', 'Then, in another terminal:', '', '```sh', info.curl, '```')
  lines.push(
    '',
    '`src/app.ts` builds the Hono app (`export default app`); `src/server.ts` serves it with `@hono/node-server`.',
    '',
  )
  return lines.join('\n')
}

/** The project's files: the runtime's files with package.json pinned and a README. */
export function projectFiles(files: SandboxFiles, info: ProjectInfo): SandboxFiles {
  const out: SandboxFiles = { ...files }
  const hasTests = Object.keys(files).some((path) => TEST_FILE.test(path))
  if (out['package.json'] !== undefined)
    out['package.json'] = pinManifest(out['package.json'], info.versions, hasTests)
  out['README.md'] ??= readme(info)
  return out
}

/** A zip with every file under one folder named after the sandbox (what unzipping should create). */
export function zipProject(name: string, files: SandboxFiles): Uint8Array {
  const entries = Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((path) => [`${name}/${path}`, strToU8(files[path]!)]),
  )
  return zipSync(entries, { level: 6, mtime: new Date() })
}

/** Saves the zip through the browser's download, as `<name>.zip`. */
export function saveZip(name: string, zip: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `${name}.zip`
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
