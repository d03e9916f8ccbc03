/**
 * The one place that reads configuration from the environment. Every value is checked at
 * start-up so a typo in a deployment fails loudly with the variable named, instead of a
 * server that runs with a surprising default.
 */

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type Env = Record<string, string | undefined>

export interface ServerConfig {
  port: number
  host: string
  /** Folder with the built site (Astro's `dist/`). */
  distDir: string
}

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number between 1 and 65535, got "${raw}".`)
  }
  const port = Number(raw)
  if (port < 1 || port > 65535) {
    throw new ConfigError(`${name} must be between 1 and 65535, got ${port}.`)
  }
  return port
}

export function readHost(env: Env, name: string, fallback: string): string {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const host = raw.trim()
  // A host name, an IPv4 address or an IPv6 literal; anything with a scheme, port or path is a mistake.
  if (!/^(?:[a-zA-Z0-9.-]+|[0-9a-fA-F:]+)$/.test(host)) {
    throw new ConfigError(
      `${name} must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, got "${raw}".`,
    )
  }
  return host
}

export function readServerConfig(env: Env = process.env): ServerConfig {
  return {
    port: readPort(env, 'PORT', 4321),
    host: readHost(env, 'HOST', '127.0.0.1'),
    distDir: env.DIST_DIR?.trim() || 'dist',
  }
}
