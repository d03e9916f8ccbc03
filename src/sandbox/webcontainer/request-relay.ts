/**
 * Sends the request panel's and the checks' requests to the learner's server inside the
 * WebContainer.
 *
 * Why not `fetch(serverReadyUrl)` from the page: that URL is another origin
 * (`*.webcontainer-api.io`), so the browser would only hand the response to the course page
 * if the learner's app sent CORS headers, would hide most response headers, and follows
 * redirects. Lessons teach status codes and headers, so they must arrive untouched. Instead a
 * tiny Node process inside the container (`RELAY_SCRIPT`) calls the same server at
 * `http://localhost:<port>` — the port behind the server-ready URL — and writes the raw
 * response back on its output. One relay process serves every sandbox on the page.
 *
 * Wire format: each request is one line of base64(JSON) on the relay's stdin (base64 so the
 * terminal's echo can never look like a reply); each reply is `@@relay:<base64(JSON)>@@` on
 * its output, wherever the terminal splits the chunks.
 */
import { toAppHeaders, toPageHeaders } from '../cookie-transport.ts'
import { methodAllowsBody, NULL_BODY_STATUS } from '../../shared/http-rules.ts'
import type { RuntimeErrorKind } from '../runtime.ts'

export interface RelayRequest {
  id: number
  url: string
  method: string
  headers: [string, string][]
  /** base64, or null for no body. */
  body: string | null
}

export type RelayReply =
  | { id: number; ok: true; status: number; statusText: string; headers: [string, string][]; body: string }
  | { id: number; ok: false; kind: RelayErrorKind; error: string }

/** The runtime-error kinds (see RUNTIME_ERROR_HEADER in ../runtime.ts) a relay can report. */
export type RelayErrorKind = Extract<RuntimeErrorKind, 'timeout' | 'not-running' | 'unreachable'>

export const RELAY_PATH = '.course/relay.mjs'

/** How long the relay keeps retrying a refused connection (the dev server restarting after an edit). */
export const RELAY_CONNECT_GRACE_MS = 8_000
/** A handler that never answers gets an error after this long. */
export const RELAY_REQUEST_TIMEOUT_MS = 30_000

/** Runs in Node inside the WebContainer; plain JS because it is not transpiled. */
export const RELAY_SCRIPT = `// Course request relay: see src/sandbox/webcontainer/request-relay.ts in the course repository.
import { createInterface } from 'node:readline'

const CONNECT_GRACE_MS = Number(process.env.RELAY_CONNECT_GRACE_MS || ${RELAY_CONNECT_GRACE_MS})
const REQUEST_TIMEOUT_MS = ${RELAY_REQUEST_TIMEOUT_MS}
const reply = (message) => process.stdout.write('\\n@@relay:' + Buffer.from(JSON.stringify(message)).toString('base64') + '@@\\n')
const refused = (err) => /ECONNREFUSED|ECONNRESET|fetch failed/i.test(String(err?.cause?.code ?? err?.cause ?? err))

async function send(req) {
  const deadline = Date.now() + CONNECT_GRACE_MS
  for (;;) {
    try {
      return await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body === null ? undefined : Buffer.from(req.body, 'base64'),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (err) {
      if (!refused(err) || Date.now() > deadline) throw err
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  let req
  try {
    req = JSON.parse(Buffer.from(line.trim(), 'base64').toString('utf8'))
  } catch {
    return // not ours (e.g. an echo)
  }
  try {
    const res = await send(req)
    const body = Buffer.from(await res.arrayBuffer()).toString('base64')
    reply({ id: req.id, ok: true, status: res.status, statusText: res.statusText, headers: [...res.headers], body })
  } catch (err) {
    if (err?.name === 'TimeoutError') {
      reply({ id: req.id, ok: false, kind: 'timeout', error: 'The app did not answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s: does every route return a response?' })
    } else if (refused(err)) {
      reply({ id: req.id, ok: false, kind: 'not-running', error: 'The dev server is not accepting connections: is it still running? See the terminal.' })
    } else {
      reply({ id: req.id, ok: false, kind: 'unreachable', error: 'The request could not be sent to the app: ' + String(err?.message ?? err) })
    }
  }
})
`

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function encodeRelayRequest(request: RelayRequest): string {
  return bytesToBase64(new TextEncoder().encode(JSON.stringify(request))) + '\n'
}

const REPLY = /@@relay:([A-Za-z0-9+/=]+)@@/g

/** Collects replies from the relay's output, however the terminal chunks it. */
export class RelayReplyParser {
  private buffer = ''

  push(chunk: string): RelayReply[] {
    // Terminals may add \r; base64 never contains line breaks, so dropping them is safe.
    this.buffer += chunk.replace(/[\r\n]/g, '')
    const replies: RelayReply[] = []
    let consumed = 0
    for (const match of this.buffer.matchAll(REPLY)) {
      consumed = match.index + match[0].length
      try {
        replies.push(JSON.parse(new TextDecoder().decode(base64ToBytes(match[1]!))) as RelayReply)
      } catch {
        // A corrupted reply: its request will time out with a clear message.
      }
    }
    this.buffer = this.buffer.slice(consumed)
    // Keep only a possible partial marker, never unbounded noise.
    const start = this.buffer.lastIndexOf('@@relay:')
    this.buffer = start === -1 ? this.buffer.slice(-8) : this.buffer.slice(start)
    return replies
  }
}

/** Node's fetch already decoded the body, so these would describe bytes that are not there. */
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding'])

export function replyToResponse(reply: Extract<RelayReply, { ok: true }>): Response {
  // The page cannot receive Set-Cookie: it arrives folded into the mirror (../cookie-transport.ts).
  const headers = new Headers()
  for (const [name, value] of toPageHeaders(reply.headers))
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.append(name, value)
  const body = NULL_BODY_STATUS.has(reply.status) ? null : base64ToBytes(reply.body)
  return new Response(body, { status: reply.status, statusText: reply.statusText, headers })
}

export async function requestToRelay(id: number, request: Request, origin: string): Promise<RelayRequest> {
  const url = new URL(request.url)
  const target = new URL(url.pathname + url.search, origin).toString()
  const body = methodAllowsBody(request.method) ? new Uint8Array(await request.arrayBuffer()) : undefined
  return {
    id,
    url: target,
    method: request.method,
    // The page's Cookie travels as a mirror header (browsers drop Cookie); the app gets it back.
    headers: toAppHeaders([...request.headers]),
    body: body && body.length > 0 ? bytesToBase64(body) : null,
  }
}
