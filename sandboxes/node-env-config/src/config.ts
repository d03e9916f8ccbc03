/**
 * The one place that reads the environment. Every setting has a default for development and
 * a clear error for a bad value, so a typo in a deployment stops the server at start-up
 * instead of surfacing later as a strange bug.
 */

export type Environment = 'development' | 'production' | 'test'

export interface Config {
  /** Shown in GET / and in the start-up line. */
  appName: string
  environment: Environment
  port: number
  /** Where notes are stored, relative to the folder the server starts in. */
  notesFile: string
}

const ENVIRONMENTS: Environment[] = ['development', 'production', 'test']

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const rawPort = env.PORT ?? '3000'
  const port = Number(rawPort)
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number between 1 and 65535, got "${rawPort}".`)
  }

  const environment = (env.NODE_ENV ?? 'development') as Environment
  if (!ENVIRONMENTS.includes(environment)) {
    throw new Error(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')}, got "${env.NODE_ENV}".`)
  }

  return {
    appName: env.APP_NAME?.trim() || 'Notes API',
    environment,
    port,
    notesFile: env.NOTES_FILE?.trim() || 'data/notes.json',
  }
}
