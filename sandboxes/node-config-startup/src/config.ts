/**
 * Every setting the server reads from its environment, checked once at start-up. A bad value
 * stops the process with a message naming the variable, before it accepts a single request,
 * instead of failing an hour later inside the first request that happens to need it.
 */
import { z } from 'zod'

const Env = z.object({
  // The platform usually sets PORT; everything in process.env is a string, so coerce.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  // How long readiness fails before the server stops accepting connections (load balancers
  // check every few seconds), and the most a shutdown may take before the process gives up.
  DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
})

export type Config = z.infer<typeof Env>

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = Env.safeParse(env)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
  throw new ConfigError(
    `Configuration error:\n${problems.join('\n')}\nSet these variables (see .env) and start again.`,
  )
}
