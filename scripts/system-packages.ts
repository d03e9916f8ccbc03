/**
 * The Debian packages `npm test` needs beyond npm's, each with the probe that says whether this
 * machine already has it, and the one installer of them (CI and a fresh clone alike): browsers
 * cannot be downloaded here, so Playwright drives Debian's; Redis and nginx are real servers the
 * tests start on loopback.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { redisServerInstalled } from '../api/counter-store/testing/redis-server.ts'
import { findChromium } from './machine/browsers.ts'
import { missingFor, selectedEngines } from './machine/browsers.ts'
import { findNginx } from './machine/nginx.ts'

export interface SystemPackage {
  name: string
  /** What needs it, for the message when it cannot be installed. */
  for: string
  present: () => boolean
}

export function systemPackages(env: Record<string, string | undefined> = process.env): SystemPackage[] {
  const engines = selectedEngines(env)
  const list: SystemPackage[] = [
    { name: 'chromium', for: 'the e2e suite (or set CHROMIUM_PATH)', present: () => !!findChromium(env) },
    { name: 'redis-server', for: 'the shared counter store tests', present: redisServerInstalled },
    { name: 'nginx', for: 'e2e/multi-instance.spec.ts', present: () => !!findNginx() },
  ]
  if (engines.includes('firefox'))
    list.push({ name: 'firefox-esr', for: 'e2e/engines/ (Firefox)', present: () => !missingFor('firefox') })
  if (engines.includes('webkit'))
    list.push(
      { name: 'webkit2gtk-driver', for: 'e2e/engines/ (WebKit)', present: () => !missingFor('webkit') },
      { name: 'xvfb', for: 'e2e/engines/ (WebKit)', present: () => existsSync('/usr/bin/Xvfb') },
    )
  return list
}

/**
 * Installs the missing packages with apt-get (as root, or through `sudo -n` when that needs no
 * password) and returns the ones still missing after it, each with what needs it.
 */
export function ensureSystemPackages(packages = systemPackages()): SystemPackage[] {
  const missing = () => packages.filter((p) => !p.present())
  const wanted = missing()
  if (wanted.length === 0 || !existsSync('/usr/bin/apt-get')) return wanted
  const asRoot = process.getuid?.() === 0
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  if (!asRoot && !sudo) return wanted
  const apt = (args: string[]) =>
    spawnSync(sudo ? 'sudo' : 'apt-get', sudo ? ['apt-get', ...args] : args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  const names = wanted.map((p) => p.name)
  console.log(`Installing from Debian: ${names.join(' ')}`)
  apt(['update', '-qq'])
  apt(['install', '-y', '-qq', ...names])
  return missing()
}
