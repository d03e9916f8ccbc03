/**
 * Setting a header on an answer that a handler has already made. Hono's `c.header()` after
 * `next()` copies the answer into a new Response first, and reading the old one's body makes
 * @hono/node-server give up its lightweight answer (written straight to the socket) for a
 * full web Response whose body is piped as a stream: measurable on every request
 * (bench:ai-proxy). The answer's own headers are changed in place instead; only an answer
 * whose headers are immutable (one passed on from `fetch`) falls back to the copy.
 */
import type { Context } from 'hono'

export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value)
  } catch {
    c.header(name, value)
  }
}
