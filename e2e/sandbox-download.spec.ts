/**
 * Download as zip, end to end: the learner edits hello-json-post, presses Download, and the zip
 * Chromium saves is unpacked into a temporary folder, installed with npm and started with
 * `npm run dev` under Node; the sandbox's prefilled request gets the edited code's answer.
 * One focused test: `npm install` dominates its time, which it prints.
 */
import { spawn } from 'node:child_process'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import { unzipSync, strFromU8 } from 'fflate'
import { LESSON, SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

const run = promisify(execFile)
const FIX = readFileSync(new URL('./fixtures/sandbox-ui/hello-json-post-fix.ts', import.meta.url), 'utf8')
const EDITED = FIX.replace('Hello, ${name}!', 'Hello from the zip, ${name}!')
const config = JSON.parse(readFileSync('sandboxes/hello-json-post/sandbox.json', 'utf8')) as {
  request: { method: string; path: string; headers: Record<string, string>; body: string }
}

test('the downloaded zip is a Node project that installs, starts and answers the prefilled request with the learner’s code', async ({
  page,
}) => {
  test.setTimeout(420_000)
  await page.goto(LESSON)
  const sandbox = await new SandboxPage(page, 'hello-json-post').ready()
  await sandbox.setCode(EDITED)

  const dir = mkdtempSync(join(tmpdir(), 'sandbox-zip-'))
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), sandbox.button('download').click()])
    expect(download.suggestedFilename()).toBe('hello-json-post.zip')
    const zipPath = join(dir, 'hello-json-post.zip')
    await download.saveAs(zipPath)

    const entries = unzipSync(readFileSync(zipPath))
    const names = Object.keys(entries).sort()
    expect(names).toEqual(
      ['README.md', 'package-lock.json', 'package.json', 'src/app.ts', 'src/server.ts'].map(
        (p) => `hello-json-post/${p}`,
      ),
    )
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true })
      writeFileSync(join(dir, name), bytes)
    }
    const project = join(dir, 'hello-json-post')
    expect(strFromU8(entries['hello-json-post/src/app.ts']!)).toBe(EDITED)
    const manifest = JSON.parse(strFromU8(entries['hello-json-post/package.json']!)) as Record<
      string,
      Record<string, string>
    >
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version: string }>
    }
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
      expect(version, name).toBe(lock.packages[`node_modules/${name}`]!.version)
    expect(manifest.scripts!.dev).toBe('tsx watch src/server.ts')
    expect(strFromU8(entries['hello-json-post/README.md']!)).toContain('npm install && npm run dev')

    const installStart = Date.now()
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: project,
      timeout: 300_000,
    })
    console.log(`npm install of the downloaded project: ${((Date.now() - installStart) / 1000).toFixed(1)} s`)

    // PORT=0: the OS picks a free port, which src/server.ts prints.
    const server = spawn('npm', ['run', 'dev'], {
      cwd: project,
      env: { ...process.env, PORT: '0' },
      detached: true,
    })
    try {
      let output = ''
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`npm run dev printed no address:\n${output}`)),
          60_000,
        )
        const onData = (chunk: Buffer) => {
          output += chunk.toString()
          const match = /http:\/\/localhost:(\d+)/.exec(output)
          if (match) {
            clearTimeout(timer)
            resolve(`http://127.0.0.1:${match[1]}`)
          }
        }
        server.stdout.on('data', onData)
        server.stderr.on('data', onData)
        server.on('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)))
      })
      const response = await fetch(new URL(config.request.path, url), {
        method: config.request.method,
        headers: config.request.headers,
        body: config.request.body,
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ message: 'Hello from the zip, Alice!' })
    } finally {
      process.kill(-server.pid!, 'SIGTERM')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
