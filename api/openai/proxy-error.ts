/**
 * Errors the AI proxy answers with: an HTTP status, an OpenAI-shaped body (so the SDK
 * raises its usual typed errors) and optional headers such as Retry-After. Also the one
 * place that scrubs secrets from text that came from elsewhere (upstream messages).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { openAiError, type OpenAiErrorBody } from '../errors.ts'

export class ProxyError extends Error {
  override name = 'ProxyError'
  readonly status: ContentfulStatusCode
  readonly body: OpenAiErrorBody
  readonly headers: Record<string, string>

  constructor(
    status: ContentfulStatusCode,
    message: string,
    details: {
      type?: string
      code?: string | null
      param?: string | null
      headers?: Record<string, string>
    } = {},
  ) {
    super(message)
    this.status = status
    this.body = openAiError(
      message,
      details.type ?? 'invalid_request_error',
      details.code ?? null,
      details.param ?? null,
    )
    this.headers = details.headers ?? {}
  }
}

// OpenAI-style secret keys (sk-…, sk-proj-…, sess-…) and bearer credentials.
const KEY_LIKE = /\b(?:sk|sess|rk)-[A-Za-z0-9_*-]{6,}|\bBearer\s+[^\s"',;]+/g

/**
 * Removes the configured secrets and anything shaped like an API key from `text`. Upstreams
 * echo keys back ("Incorrect API key provided: sk-…"); that text must never reach a client
 * or a log line.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let clean = text
  for (const secret of secrets) {
    if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]')
  }
  return clean.replace(KEY_LIKE, '[redacted]')
}
