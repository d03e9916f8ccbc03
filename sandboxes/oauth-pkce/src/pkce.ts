/** PKCE (RFC 7636) and the random values of the flow: all Web Crypto, no dependencies. */
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** 32 random bytes as base64url: the code verifier, state values, codes and tokens. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

/** code_challenge = BASE64URL(SHA-256(code_verifier)), the "S256" method. */
export async function challengeFor(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
}
