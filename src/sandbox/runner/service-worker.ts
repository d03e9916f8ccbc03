/**
 * The sandbox origin's Service Worker (`/sw.js`, scope `/preview/`). It only relays: a preview
 * iframe's requests (its page, scripts, fetch and XHR calls) go to the runner page of that
 * preview's session, which asks the learner's app. Its scope keeps the runner, the app worker
 * and the vendored packages out of its way. It keeps no state — Chromium stops idle service
 * workers — and finds the runner by its URL (`/runner.html?session=…`). It cannot run learner
 * modules itself. (Links from a preview to paths outside /preview/ are sent back under the
 * preview's prefix by the sandbox server, which sees their Referer.)
 */
import {
  chunkStream,
  deserializeResponse,
  type StreamChunk,
  serializeRequest,
  transferablesOf,
  type PreviewRequest,
  type SerializedResponse,
} from '../protocol.ts'
import { RUNTIME_ERROR_HEADER } from '../runtime.ts'
import { isRuntimeFile, locationInPreview, routePreviewRequest } from './preview-routing.ts'

interface WindowClientLike {
  url: string
  postMessage(message: unknown, transfer: Transferable[]): void
}

interface FetchEventLike extends Event {
  request: Request
  clientId: string
  /** For a navigation: the id its document will have as a client. */
  resultingClientId?: string
  respondWith(response: Promise<Response>): void
}

interface ServiceWorkerScope {
  location: Location
  skipWaiting(): Promise<void>
  clients: {
    claim(): Promise<void>
    get(id: string): Promise<WindowClientLike | undefined>
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>
  }
  addEventListener(
    type: 'install' | 'activate',
    listener: (event: Event & { waitUntil(p: Promise<unknown>): void }) => void,
  ): void
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void
}

const sw = globalThis as unknown as ServiceWorkerScope
const origin = sw.location.origin
/** Longer than any runner deadline; the runner always answers first. */
const RELAY_TIMEOUT_MS = 60_000

sw.addEventListener('install', (event) => event.waitUntil(sw.skipWaiting()))
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()))

/**
 * Preview documents by client id, recorded when their navigation passes here. A document's
 * first subresources (its module script, found by the preload scanner) are requested before
 * the document is "execution ready", and `clients.get()` may not find it yet: without this,
 * `/app.js` went to the network, got a 404, and the preview stayed blank.
 * Lost when Chromium stops an idle Service Worker; the lookups below cover that.
 */
const previewClients = new Map<string, string>()
const MAX_REMEMBERED = 500

function remember(clientId: string | undefined, url: string) {
  if (!clientId || !url.startsWith(`${origin}/preview/`)) return
  if (previewClients.size >= MAX_REMEMBERED) previewClients.delete(previewClients.keys().next().value!)
  previewClients.set(clientId, url)
}

/** The URL of the document (or worker) that made a request: remembered, asked for, or its Referer. */
async function clientUrlOf(event: FetchEventLike): Promise<string | undefined> {
  if (!event.clientId) return undefined
  const known = previewClients.get(event.clientId)
  if (known) return known
  const client = await sw.clients.get(event.clientId)
  if (client) return client.url
  const referrer = event.request.referrer
  return referrer && referrer !== 'about:client' ? referrer : undefined
}

sw.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.mode === 'navigate') remember(event.resultingClientId, request.url)
  const url = new URL(request.url)
  if (url.origin !== origin || isRuntimeFile(url.pathname)) return
  const isPreviewUrl = request.url.startsWith(`${origin}/preview/`)
  // Requests that may belong to a preview page: decide after looking at the requesting client.
  if (!isPreviewUrl && !event.clientId && request.mode !== 'navigate') return
  event.respondWith(respond(event))
})

async function respond(event: FetchEventLike): Promise<Response> {
  const { request } = event
  const route = routePreviewRequest({
    url: request.url,
    origin,
    mode: request.mode,
    clientUrl: await clientUrlOf(event),
  })
  if (route.kind === 'network') return fetch(request)
  if (route.kind === 'redirect')
    return new Response(null, { status: 302, headers: { Location: route.location } })

  const runner = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).find((c) => {
    const url = new URL(c.url)
    return url.pathname === '/runner.html' && url.searchParams.get('session') === route.session
  })
  if (!runner) {
    return page(
      410,
      'This preview has ended',
      'Its sandbox is no longer running: the lesson page was closed or reloaded. Run the sandbox again.',
    )
  }

  const serialized = await serializeRequest(request)
  serialized.url = `${origin}${route.path}`
  const channel = new MessageChannel()
  let stream: ReturnType<typeof chunkStream> | undefined
  const answer = new Promise<(SerializedResponse & { streamed?: boolean }) | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), RELAY_TIMEOUT_MS)
    channel.port1.onmessage = (
      e: MessageEvent<(SerializedResponse & { streamed?: boolean }) | StreamChunk>,
    ) => {
      // A streamed body (SSE) follows the head on the same port, chunk by chunk.
      if ('kind' in e.data && e.data.kind === 'chunk') return stream?.push(e.data)
      clearTimeout(timer)
      const head = e.data as SerializedResponse & { streamed?: boolean }
      if (head.streamed) stream = chunkStream(() => channel.port1.close())
      resolve(head)
    }
  })
  const message: PreviewRequest = { kind: 'preview-request', session: route.session, request: serialized }
  runner.postMessage(message, [channel.port2, ...transferablesOf(serialized)])
  const reply = await answer
  if (!reply) return page(504, 'No answer', 'The sandbox did not answer this request.')

  const response = deserializeResponse(reply, stream?.stream)
  if (request.mode !== 'navigate') return response
  // Like every document of the sandbox origin: its own agent cluster (see server/sandbox-origin.ts).
  if (!response.headers.has('origin-agent-cluster')) response.headers.set('origin-agent-cluster', '?1')
  // Embeddable in cross-origin isolated lesson pages; `credentialless` (not require-corp) so the
  // learner's page can still show images from other sites.
  if (!response.headers.has('cross-origin-embedder-policy'))
    response.headers.set('cross-origin-embedder-policy', 'credentialless')
  if (!response.headers.has('cross-origin-resource-policy'))
    response.headers.set('cross-origin-resource-policy', 'cross-origin')
  const errorKind = response.headers.get(RUNTIME_ERROR_HEADER)
  if (errorKind) {
    const { error } = (await response.json()) as { error: string }
    return page(
      response.status,
      errorKind === 'not-running' ? 'The app is not running' : 'The app did not answer',
      error,
    )
  }
  const location = response.headers.get('location')
  if (location && response.status >= 300 && response.status < 400) {
    const headers = new Headers(response.headers)
    headers.set('location', locationInPreview(location, request.url, origin, route.session))
    return new Response(null, { status: response.status, headers })
  }
  return response
}

function page(status: number, title: string, text: string): Response {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#333"><h1 style="font-size:1.25rem">${escape(title)}</h1><p>${escape(text)}</p></body></html>`
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', [RUNTIME_ERROR_HEADER]: 'preview' },
  })
}
