/** Debian's nginx, for e2e/multi-instance.spec.ts and the installer (scripts/system-packages.ts). */
import { spawnSync } from 'node:child_process'

export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', 'nginx']) {
    const probe = spawnSync(candidate, ['-v'], { stdio: 'ignore' })
    if (!probe.error && probe.status === 0) return candidate
  }
  return undefined
}
