/**
 * The Dockerfile, run without Docker (no container engine on these machines): its stages are
 * executed by deploy/dockerfile-runner.ts in temp folders, the final stage's CMD is started
 * as an unprivileged user with production dependencies only, serves /api/health and the site,
 * passes its HEALTHCHECK and exits 0 on SIGTERM.
 *
 * The build stage runs `npm ci` and `npm run build`, which `npm test` has just run on the same
 * sources, so by default its output (DIST_DIR) stands in for it; DOCKERFILE_TEST_FULL=1 runs
 * it too (minutes). The production-deps stage always runs for real (`npm ci --omit=dev`).
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { distDir as builtDir, sandboxDistDir } from '../api/config.ts'
import { buildImage, parseDockerfile, type Image } from './dockerfile-runner.ts'
import { freePort } from '../api/testing/free-port.ts'

const repo = resolve(import.meta.dirname, '..')
const dockerfile = join(repo, 'Dockerfile')
const distDir = resolve(repo, builtDir())
const full = process.env.DOCKERFILE_TEST_FULL === '1'
const into = mkdtempSync(join(tmpdir(), 'course-image-'))
// The base image's Node: the project's Node 24 (the `node` dev dependency npm scripts run).
const nodeBin = dirname(process.execPath)
const PATH = `${nodeBin}:${process.env.PATH ?? '/usr/bin:/bin'}`
// As root, run the image's CMD as `nobody`, who cannot write the app's files, as USER node cannot.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}

afterAll(() => rmSync(into, { recursive: true, force: true }), 120_000)

describe('Dockerfile', () => {
  it('has a build stage, a production-deps stage and a final stage that runs as a non-root user', () => {
    const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'))
    expect(stages.map((s) => s.name)).toEqual(['build', 'production-deps', 'runtime'])
    expect(stages.every((s) => s.from.startsWith('node:24'))).toBe(true)
    const runs = (name: string) =>
      stages
        .find((s) => s.name === name)!
        .instructions.filter((i) => i.keyword === 'RUN')
        .map((i) => i.args)
    expect(runs('production-deps')).toEqual(['npm ci --omit=dev --no-audit --no-fund'])
    expect(runs('runtime')).toEqual([]) // nothing is installed or built in the final image
  })

  let image: Image
  let env: Record<string, string>

  it(
    'builds: the final stage has production dependencies only',
    () => {
      expect(
        existsSync(join(distDir, 'index.html')),
        `no build in ${distDir}: run "npm run build" first (npm test does)`,
      ).toBe(true)
      image = buildImage(dockerfile, {
        context: repo,
        into,
        // The caller's environment (registry, proxy and CA settings), with the image's Node first on PATH.
        env: { ...process.env, PATH, npm_config_prefer_offline: 'true' },
        replaceStage: full
          ? undefined
          : (stage, root) => {
              if (stage.name !== 'build') return false
              const runs = stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args)
              // Exactly what npm test ran before this test on the same sources.
              expect(runs).toEqual(['npm ci --no-audit --no-fund', 'npm run build'])
              cpSync(distDir, join(root, 'app/dist'), { recursive: true })
              cpSync(sandboxDistDir(distDir), join(root, 'app/dist-sandbox'), { recursive: true })
              return true
            },
      })
      const modules = join(image.root, image.workdir, 'node_modules')
      for (const runtime of ['hono', '@hono/node-server', 'openai', 'ioredis', 'prom-client']) {
        expect(existsSync(join(modules, runtime)), runtime).toBe(true)
      }
      for (const dev of ['vitest', '@playwright/test', 'eslint', 'prettier', 'node']) {
        expect(existsSync(join(modules, dev)), `${dev} is a dev dependency`).toBe(false)
      }
      expect(image.user).toBe('node')
      expect(image.exposed).toContain(4321)
      expect(image.stopSignal).toBe('SIGTERM')
      expect(image.healthcheck).toBeDefined()
      chmodSync(into, 0o755)
    },
    full ? 1_200_000 : 600_000,
  )

  it('its CMD serves /api/health and the site, passes HEALTHCHECK, and exits 0 on SIGTERM', async () => {
    expect(image, 'the build step above failed').toBeDefined()
    const port = await freePort()
    const sandboxPort = await freePort()
    const cwd = join(image.root, image.workdir)
    // The image listens on 0.0.0.0; tests bind loopback only.
    env = { ...image.env, PATH, PORT: String(port), SANDBOX_PORT: String(sandboxPort), HOST: '127.0.0.1' }
    const [command, ...args] = image.cmd
    const child = spawn(command!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...asUser })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const exited = once(child, 'exit')
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status, {
          timeout: 30_000,
        })
        .toBe(200)
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<html')
      expect((await fetch(`http://127.0.0.1:${sandboxPort}/runner.html`)).status).toBe(200)
      const [healthCommand, ...healthArgs] = image.healthcheck!
      const healthy = spawnSync(healthCommand!, healthArgs, { cwd, env, ...asUser })
      expect(healthy.status, String(healthy.stderr)).toBe(0)
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await exited
    expect(code, output).toBe(0)
    expect(output).toContain('SIGTERM received')
    const [healthCommand, ...healthArgs] = image.healthcheck!
    expect(spawnSync(healthCommand!, healthArgs, { cwd, env, ...asUser }).status).toBe(1)
  }, 60_000)
})
