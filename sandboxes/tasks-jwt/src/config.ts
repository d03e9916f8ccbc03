/**
 * The signing secret, read once. Under Node it comes from JWT_SECRET; the built-in default is
 * for this sandbox only and is public (it is in this file), so anyone could forge tokens for an
 * app that used it: a real deployment refuses to start without a secret of its own.
 */
type Env = Record<string, string | undefined>
const env = (globalThis as { process?: { env?: Env } }).process?.env ?? {}

export const JWT_SECRET = env.JWT_SECRET ?? 'sandbox-only-secret-0123456789abcdef-not-for-production'
if (JWT_SECRET.length < 32) throw new Error('JWT_SECRET must be at least 32 characters')

/** Short-lived: a JWT cannot be taken back before it expires. */
export const TOKEN_SECONDS = 15 * 60
