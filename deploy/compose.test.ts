/**
 * compose.yaml cannot be started here (no container engine), so this checks that it describes
 * the topology the multi-instance e2e runs: the instances nginx's shipped config names, one
 * Redis they all use, nginx with that very config, instances that route by Host behind it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readAiConfig, readSandboxConfig } from '../api/config.ts'
import { parseAddress, parseNetworks } from '../api/rate-limit/client-address.ts'

const repo = join(import.meta.dirname, '..')
interface Service {
  build?: string | { context: string; args?: Record<string, string> }
  image?: string
  environment?: Record<string, string>
  volumes?: string[]
  command?: string[]
  ports?: string[]
  networks?: string[] | Record<string, { ipv4_address?: string }>
}
const compose = parse(readFileSync(join(repo, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } }>
}
const nginxConf = readFileSync(join(repo, 'deploy/nginx/course.conf'), 'utf8')

describe('compose.yaml', () => {
  it('runs the instances the nginx config balances, built from the Dockerfile, sharing one Redis', () => {
    const upstreams = [...nginxConf.matchAll(/^\s*server (course-\d+):4321 /gm)].map((m) => m[1])
    expect(upstreams).toEqual(['course-1', 'course-2'])
    for (const name of upstreams) {
      const service = compose.services[name!]!
      expect(service.build).toEqual({
        context: '.',
        args: { COURSE_ORIGIN: '${COURSE_ORIGIN:-http://course.localhost:8080}' },
      })
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379')
    }
    expect(compose.services.redis?.image).toMatch(/^redis:/)
    // The day's counters survive a Redis restart (docs/ai-proxy.md): an append-only file on a volume.
    expect(compose.services.redis?.command?.join(' ')).toContain('--appendonly yes')
    expect(compose.services.redis?.volumes).toContainEqual(expect.stringMatching(/^[\w-]+:\/data$/))
  })

  it("trusts X-Forwarded-For from nginx's fixed address only, on the network all services share", () => {
    const networks = compose.services.nginx!.networks as Record<string, { ipv4_address?: string }>
    const [[name, { ipv4_address: nginxAddress }]] = Object.entries(networks) as [
      [string, { ipv4_address: string }],
    ]
    const subnet = compose.networks?.[name]?.ipam?.config?.[0]?.subnet
    expect(subnet).toBeDefined()
    expect(parseNetworks([subnet!])(parseAddress(nginxAddress)!)).toBe(true)
    for (const service of ['course-1', 'course-2', 'redis'])
      expect(compose.services[service]!.networks).toEqual([name])
    for (const service of ['course-1', 'course-2']) {
      const env = compose.services[service]!.environment!
      // Exactly nginx: a private-network wildcard would also trust the other containers.
      const ai = readAiConfig({ AI_TRUST_PROXY: env.AI_TRUST_PROXY }, { port: 4322, routedByHost: false })
      expect(ai.trustedProxies).toEqual([nginxAddress])
    }
  })

  it('mounts the shipped nginx config, and its default origins serve both on one port', () => {
    expect(compose.services.nginx?.volumes).toContain(
      './deploy/nginx/course.conf:/etc/nginx/conf.d/default.conf:ro',
    )
    const env = compose.services['course-1']!.environment!
    const defaults = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.replace(/^\$\{\w+:-(.*)\}$/, '$1')]),
    )
    const sandbox = readSandboxConfig(defaults, { port: 4321, host: '0.0.0.0', distDir: 'dist' })
    expect(sandbox.routedByHost).toBe(true)
    expect(new URL(sandbox.courseOrigins[0]!).port).toBe(compose.services.nginx!.ports![0]!.split(':')[0])
  })
})
