/**
 * Password hashing with PBKDF2 from Web Crypto (built into browsers, Workers, Deno, Bun and
 * Node), so the same code runs everywhere. PBKDF2 is slow on purpose: 210,000 rounds of
 * HMAC-SHA-512 is OWASP's current minimum. Argon2id (memory-hard) is the first choice where a
 * native library is available; the idea and the interface are the same.
 *
 * A stored hash carries everything needed to check a password later, so the cost can be raised
 * for new hashes without breaking old ones: "pbkdf2-sha512$210000$<salt>$<hash>" (base64).
 */
const ITERATIONS = 210_000
const encoder = new TextEncoder()

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-512', salt, iterations }, key, 256)
  return new Uint8Array(bits)
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16)) // unique per password
  const hash = await derive(password, salt, ITERATIONS)
  return ['pbkdf2-sha512', ITERATIONS, toBase64(salt), toBase64(hash)].join('$')
}

/**
 * Compares every byte, whatever the first difference, so the time taken does not tell an
 * attacker how much of a guess was right. (Node has crypto.timingSafeEqual for this; Web
 * Crypto has none, and a loop without an early exit does the same job.)
 */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!
  return difference === 0
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, rounds, salt, hash] = stored.split('$')
  if (scheme !== 'pbkdf2-sha512' || !rounds || !salt || !hash) return false
  const actual = await derive(password, fromBase64(salt), Number(rounds))
  return sameBytes(actual, fromBase64(hash))
}
