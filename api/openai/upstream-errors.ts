/**
 * Maps whatever went wrong upstream to an error the learner can act on. Upstream text never
 * reaches the client (it may quote the key, the account or the organisation): for requests
 * the upstream rejected (4xx other than auth) only its error `code` and `param` are passed
 * on; authentication failures become a 502 that blames the server, never the learner's key.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ProxyError } from './proxy-error.ts'
import type { AbortReason } from './upstream-call.ts'

export interface UpstreamFailureContext {
  reason: AbortReason | undefined
  timeoutMs: number
  /** The wall-clock cap of one call (AI_STREAM_MAX_SECONDS). */
  maxMs?: number
  secrets: readonly (string | undefined)[]
}

const PASSED_ON = new Set([400, 404, 409, 413, 422])

function retryAfter(headers: Headers | undefined): string {
  const value = headers?.get('retry-after')
  return value && /^\d{1,4}$/.test(value.trim()) ? value.trim() : '5'
}

function safeField(value: unknown): string | null {
  return typeof value === 'string' && /^[\w.[\]-]{1,100}$/.test(value) ? value : null
}

export function upstreamFailure(err: unknown, context: UpstreamFailureContext): ProxyError {
  if (err instanceof ProxyError) return err
  if (context.reason === 'client') {
    // Nobody reads this answer; the status is for the log (nginx's "client closed request").
    return new ProxyError(
      499 as ContentfulStatusCode,
      'The client closed the request before the answer arrived.',
      {
        type: 'invalid_request_error',
        code: 'client_closed_request',
      },
    )
  }
  if (context.reason === 'deadline') {
    return new ProxyError(
      504,
      `The answer took longer than ${Math.round((context.maxMs ?? 0) / 1000)} s, the course AI proxy's limit for one request, and was cut off. Ask for a shorter answer.`,
      { type: 'server_error', code: 'upstream_timeout' },
    )
  }
  if (context.reason === 'timeout' || err instanceof APIConnectionTimeoutError) {
    return new ProxyError(
      504,
      `The AI provider did not answer within ${Math.round(context.timeoutMs / 100) / 10} s. Try again in a moment.`,
      { type: 'server_error', code: 'upstream_timeout' },
    )
  }
  if (err instanceof APIUserAbortError) {
    return new ProxyError(502, 'The call to the AI provider was cut off. Try again.', {
      type: 'server_error',
      code: 'upstream_aborted',
    })
  }
  if (err instanceof APIConnectionError) {
    return new ProxyError(502, 'The course server could not reach its AI provider. Try again in a moment.', {
      type: 'server_error',
      code: 'upstream_unreachable',
    })
  }
  if (err instanceof APIError) {
    const status = err.status
    if (status === 401 || status === 403) {
      return new ProxyError(
        502,
        "The course's AI provider rejected the server's own credentials. This is a server configuration problem, " +
          'not your code or your key: please tell the course operator.',
        { type: 'server_error', code: 'upstream_auth_failed' },
      )
    }
    if (status === 429) {
      const body = err.error as { code?: unknown } | undefined
      const outOfQuota = body?.code === 'insufficient_quota'
      return new ProxyError(
        429,
        outOfQuota
          ? "The course's AI provider account is out of quota. Please tell the course operator."
          : 'The AI provider is rate limiting the course right now. Try again in a few seconds.',
        {
          type: outOfQuota ? 'insufficient_quota' : 'requests',
          code: outOfQuota ? 'upstream_quota_exceeded' : 'upstream_rate_limited',
          headers: outOfQuota ? { 'x-should-retry': 'false' } : { 'Retry-After': retryAfter(err.headers) },
        },
      )
    }
    if (status !== undefined && PASSED_ON.has(status)) {
      // Only the machine-readable parts, which the learner needs to fix the request: the
      // upstream's own text may name the account, the project, the organisation or the key.
      const code = safeField(err.code)
      const param = safeField(err.param)
      const what = [code && `code ${code}`, param && `parameter '${param}'`].filter(Boolean).join(', ')
      return new ProxyError(
        status as ContentfulStatusCode,
        `The AI provider rejected the request (HTTP ${status}${what ? `, ${what}` : ''}). ` +
          'Check that parameter against the API reference for this model.',
        { code: code ?? 'upstream_rejected', param },
      )
    }
    if (status === undefined) {
      // An error event inside a stream: its code says what happened (e.g. "overloaded").
      const code = safeField(err.code)
      return new ProxyError(
        502,
        `The AI provider reported an error while answering${code ? ` (${code})` : ''}. Try again in a moment.`,
        {
          type: 'server_error',
          code: 'upstream_error',
        },
      )
    }
    return new ProxyError(502, `The AI provider had an error (HTTP ${status}). Try again in a moment.`, {
      type: 'server_error',
      code: 'upstream_error',
    })
  }
  // SyntaxError from malformed JSON, a body cut off mid-way, anything else.
  return new ProxyError(
    502,
    'The AI provider sent an answer the course server could not read. Try again in a moment.',
    {
      type: 'server_error',
      code: 'upstream_bad_response',
    },
  )
}

/**
 * An upstream stream that ended before its last event: the reason it was aborted (client gone,
 * timeout, deadline), or else a 502 saying it broke off. `what` names the thing the learner was
 * waiting for ("the answer", "the hint").
 */
export function incompleteStream(what: string, context: UpstreamFailureContext): ProxyError {
  if (context.reason) return upstreamFailure(new Error(`aborted: ${context.reason}`), context)
  return new ProxyError(502, `The AI provider's stream ended before ${what} was complete. Try again.`, {
    type: 'server_error',
    code: 'upstream_stream_incomplete',
  })
}
