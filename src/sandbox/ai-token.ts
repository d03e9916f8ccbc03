/**
 * The course AI proxy's access token, as the course page gets it for sandbox code
 * (docs/ai-proxy.md, "Protection model"): `POST /api/openai/token` on the course's own origin
 * (the proxy issues tokens to course pages only, bound to the learner's address), cached
 * until shortly before it expires, and fetched again then so a long session keeps working.
 * Runtimes hand the token to the app, which sends it instead of its placeholder key.
 */

interface TokenAnswer {
  token?: unknown
  expires_at?: unknown
  required?: unknown
}

export interface AiToken {
  token: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/** How long before expiry a token is replaced. */
const REFRESH_BEFORE_MS = 60_000

let cached: Promise<AiToken | undefined> | undefined
let refreshTimer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<(token: AiToken) => void>()

/** The deployment said it needs no tokens: asked once per page. */
let notNeeded = false

async function fetchToken(): Promise<AiToken | undefined> {
  // The answer is an access decision: never from a cache.
  const response = await fetch('/api/openai/token', { method: 'POST', cache: 'no-store' })
  if (!response.ok) return undefined
  const answer = (await response.json()) as TokenAnswer
  if (answer.required === false) notNeeded = true
  if (answer.required !== true || typeof answer.token !== 'string' || typeof answer.expires_at !== 'number')
    return undefined
  return { token: answer.token, expiresAt: answer.expires_at * 1000 }
}

function schedule(token: AiToken) {
  clearTimeout(refreshTimer)
  const wait = Math.max(5_000, token.expiresAt - Date.now() - REFRESH_BEFORE_MS)
  refreshTimer = setTimeout(() => {
    cached = undefined
    void courseAiToken().then((fresh) => fresh && listeners.forEach((listener) => listener(fresh)))
  }, wait)
}

/**
 * The current token, or undefined when the deployment needs none (or the page could not get
 * one: the proxy then answers the app's calls with a 401 that says what to do).
 */
export function courseAiToken(): Promise<AiToken | undefined> {
  if (notNeeded) return Promise.resolve(undefined)
  cached ??= fetchToken()
    .catch(() => undefined)
    .then((token) => {
      if (token) schedule(token)
      else cached = undefined // ask again on the next run
      return token
    })
  return cached
}

/** Called with each replacement token, until the returned function is called. */
export function onAiTokenRefresh(listener: (token: AiToken) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether sandbox code may call the AI proxy: only then is a token worth fetching. */
export function usesAiProxy(files: Record<string, string>): boolean {
  return Object.values(files).some((source) => source.includes('openai'))
}
