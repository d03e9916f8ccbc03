/**
 * The `fetch` the upstream call uses on Node (upstream.ts): node:http(s) with keep-alive sockets
 * instead of the global fetch (undici). In bench/ai-proxy, undici's fetch was the largest
 * single cost of a proxied request (Request/Headers objects, web streams for every body);
 * this one builds the web `Response` only at the end, buffers ordinary
 * answers, and streams only server-sent events. Anything it does not handle (a body that is
 * a stream, a FormData) goes to the global fetch.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { urlToHttpOptions } from 'node:url'
import { NULL_BODY_STATUS } from '../../src/shared/http-rules.ts'

/** The largest buffered (non-streaming) answer; an upstream sending more is broken. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

function abortError(signal: AbortSignal | null | undefined): Error {
  const reason: unknown = signal?.reason
  return reason instanceof Error && reason.name === 'AbortError'
    ? reason
    : new DOMException('This operation was aborted', 'AbortError')
}

/**
 * The answer's headers as name/value pairs, repeats kept: a Response made with them builds its
 * `Headers` only if they are read, which on the proxy's path is only for an upstream error.
 */
function responseHeaders(res: IncomingMessage): [string, string][] {
  const raw = res.rawHeaders
  const pairs: [string, string][] = []
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

function isEventStream(headers: [string, string][]): boolean {
  return headers.some(
    ([name, value]) => name.toLowerCase() === 'content-type' && value.includes('text/event-stream'),
  )
}

interface Target {
  url: URL
  /** What node:http needs of the URL (it would derive this from the URL on every call). */
  options: RequestOptions
}

/** Parsed URLs: the proxy calls one or two of them, thousands of times a second. */
const targets = new Map<string, Target>()
function targetOf(input: string | URL): Target {
  const key = String(input)
  let target = targets.get(key)
  if (!target) {
    const url = new URL(key)
    target = { url, options: urlToHttpOptions(url) }
    if (targets.size >= 64) targets.clear()
    targets.set(key, target)
  }
  return target
}

/** Server-sent events, as a web stream that reads the socket only as fast as it is read. */
function eventStream(
  res: IncomingMessage,
  signal: AbortSignal | null | undefined,
): ReadableStream<Uint8Array> {
  // Closed by the socket's end, its failure, or the reader's cancel: whichever comes first;
  // the controller must not be touched after that (a late 'end' would throw in the process).
  let open = true
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (err: Error) => {
        if (!open) return
        open = false
        controller.error(signal?.aborted ? abortError(signal) : err)
      }
      res.on('data', (chunk: Buffer) => {
        if (!open) return
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 1) <= 0) res.pause()
      })
      res.once('end', () => {
        if (!open) return
        open = false
        controller.close()
      })
      res.once('error', fail)
      // The connection closed before the answer was complete (a dropped upstream).
      res.once('close', () => fail(new TypeError('terminated')))
    },
    pull() {
      if (open) res.resume()
    },
    cancel() {
      open = false
      res.destroy()
    },
  })
}

/**
 * A real Response whose body readers skip web streams: every answer is read with `.json()`
 * or `.text()` (upstream.ts), which on a stream-backed Response cost as much as the request.
 */
function bufferedResponse(bytes: Buffer, init: ResponseInit): Response {
  const response = new Response(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>,
    init,
  )
  let used = false
  const take = () => {
    if (used) throw new TypeError('Body is unusable: Body has already been read')
    used = true
  }
  Object.defineProperties(response, {
    text: { value: async () => (take(), bytes.toString('utf8')) },
    json: { value: async () => (take(), JSON.parse(bytes.toString('utf8')) as unknown) },
    arrayBuffer: {
      value: async () => (take(), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    },
  })
  return response
}

export function createUpstreamFetch(): typeof fetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
  }
  return async function upstreamFetch(input, init = {}) {
    const body = init.body
    const simpleBody = body == null || typeof body === 'string' || body instanceof Uint8Array
    if (input instanceof Request || !simpleBody) return fetch(input, init)
    const target = targetOf(input)
    const url = target.url
    const agent =
      url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined
    if (!agent) return fetch(input, init)
    const signal = init.signal
    if (signal?.aborted) throw abortError(signal)

    const headers: Record<string, string> = {}
    const given = init.headers
    if (given instanceof Headers) given.forEach((value, name) => (headers[name] = value))
    else if (Array.isArray(given)) for (const [name, value] of given) headers[name.toLowerCase()] = value
    else if (given) for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value
    if (body != null && headers['content-length'] === undefined)
      headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength)

    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const req = send({ ...target.options, method: init.method ?? 'GET', headers, agent })
      const onAbort = () => req.destroy(abortError(signal))
      signal?.addEventListener('abort', onAbort, { once: true })
      const done = () => signal?.removeEventListener('abort', onAbort)
      req.once('error', (err) => {
        done()
        reject(
          signal?.aborted ? abortError(signal) : Object.assign(new TypeError('fetch failed'), { cause: err }),
        )
      })
      req.once('response', (res) => {
        const status = res.statusCode ?? 502
        const init = { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res) }
        if (NULL_BODY_STATUS.has(status) || isEventStream(init.headers)) {
          // A stream lives on after this promise: the abort listener stays until it ends.
          res.once('close', done)
          resolve(new Response(NULL_BODY_STATUS.has(status) ? null : eventStream(res, signal), init))
          return
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength
          if (size > MAX_BUFFERED_BYTES) res.destroy(new Error('upstream answer too large'))
          else chunks.push(chunk)
        })
        res.once('end', () => {
          done()
          resolve(bufferedResponse(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), init))
        })
        const failed = (err?: Error) => {
          done()
          reject(
            signal?.aborted ? abortError(signal) : Object.assign(new TypeError('terminated'), { cause: err }),
          )
        }
        res.once('error', failed)
        res.once('close', () => {
          if (!res.complete) failed()
        })
      })
      req.end(body ?? undefined)
    })
  }
}
