/**
 * Short-lived signed access tokens: the proof, on a public deployment, that a caller got
 * its key from a course page a few minutes ago. Course pages fetch one from
 * `POST /api/openai/token` (same origin only) and hand it to the sandbox, where the learner's
 * code passes it as the SDK's `apiKey`. A token is `ctk1.<payload>.<HMAC-SHA256>`, signed
 * with AI_TOKEN_SECRET using Web Crypto, so every API instance verifies every token. It is
 * bound to the client it was issued to (`sub`, the salted tag of its address): copied to
 * another machine, it is refused.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { ProxyError } from './proxy-error.ts'

const PREFIX = 'ctk1'
const encoder = new TextEncoder()

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
  } catch {
    return undefined
  }
}

export interface IssuedToken {
  token: string
  /** Epoch seconds. */
  expiresAt: number
}

export type TokenCheck = 'valid' | 'expired' | 'invalid' | 'other-client'

export interface AccessTokens {
  /** A token for the client whose tag is `subject`. */
  issue(subject: string): Promise<IssuedToken>
  /** Checks the signature, the expiry and that `subject` is the client it was issued to. */
  verify(token: string, subject: string): Promise<TokenCheck>
}

export function accessTokens(secret: string, ttlSeconds: number, now: () => number = Date.now): AccessTokens {
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  return {
    async issue(subject) {
      const issuedAt = Math.floor(now() / 1000)
      const expiresAt = issuedAt + ttlSeconds
      const payload = toBase64Url(
        encoder.encode(
          JSON.stringify({ iat: issuedAt, exp: expiresAt, sub: subject, jti: crypto.randomUUID() }),
        ),
      )
      const signature = new Uint8Array(
        await crypto.subtle.sign('HMAC', await key, encoder.encode(`${PREFIX}.${payload}`)),
      )
      return { token: `${PREFIX}.${payload}.${toBase64Url(signature)}`, expiresAt }
    },
    async verify(token, subject) {
      const [prefix, payload, signature, extra] = token.split('.')
      if (prefix !== PREFIX || !payload || !signature || extra !== undefined || token.length > 512)
        return 'invalid'
      const signatureBytes = fromBase64Url(signature)
      if (!signatureBytes) return 'invalid'
      // crypto.subtle.verify compares in constant time.
      const genuine = await crypto.subtle.verify(
        'HMAC',
        await key,
        signatureBytes,
        encoder.encode(`${PREFIX}.${payload}`),
      )
      if (!genuine) return 'invalid'
      try {
        const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as {
          exp?: unknown
          sub?: unknown
        }
        if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') return 'invalid'
        if (claims.exp <= now() / 1000) return 'expired'
        return claims.sub === subject ? 'valid' : 'other-client'
      } catch {
        return 'invalid'
      }
    },
  }
}

export interface RequireTokenOptions {
  tokens: AccessTokens
  /** Where course pages get tokens, named in the 401. */
  tokenPath: string
  /** The requesting client's tag, which a token must have been issued to. */
  subject: (c: Context) => string
}

/** Rejects requests whose bearer key is not a valid, unexpired access token (401, as the SDK expects). */
export function requireAccessToken(options: RequireTokenOptions): MiddlewareHandler {
  return async function requireAccessToken(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
    const check = match?.[1] ? await options.tokens.verify(match[1], options.subject(c)) : undefined
    if (check === 'valid') return next()
    throw new ProxyError(
      401,
      check === 'expired'
        ? `Your course access token has expired. Reload the lesson page (it fetches a fresh one from POST ${options.tokenPath}).`
        : check === 'other-client'
          ? 'This course access token was issued to another client (another network address). ' +
            'Tokens work only where the lesson page that fetched them runs; reload the lesson page.'
          : `This course's AI proxy needs a course access token as the API key (not an OpenAI key). ` +
            `Lesson pages get one from POST ${options.tokenPath} and pass it to your code; reload the lesson page.`,
      { code: check === 'expired' ? 'token_expired' : 'invalid_api_key' },
    )
  }
}
