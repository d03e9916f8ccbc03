/**
 * Which preview (if any) a request on the sandbox origin belongs to, decided by the Service
 * Worker. A preview lives at `/preview/<session>/`; its page's requests to `/hello` (absolute
 * paths, as the learner writes them) belong to it too, found by the requesting client's URL.
 * (A link to `/about` clicked inside it leaves the Service Worker's scope; the sandbox server
 * sends it back, see server/sandbox-origin.ts.) Pure code.
 */
import { HASH_SUFFIX } from '../../shared/sandbox-file-names.ts'

export const PREVIEW_PREFIX = '/preview/'

/** The runtime's own files on the sandbox origin: never part of a preview. */
const RUNTIME_FILE = new RegExp(
  `^/(?:runner\\.html|sw\\.js|preview-boot\\.js|(?:runner|worker)(?:-chunk)?${HASH_SUFFIX}\\.js)$`,
)

export function isRuntimeFile(pathname: string): boolean {
  return RUNTIME_FILE.test(pathname) || pathname.startsWith('/vendor/')
}

export type PreviewRoute =
  | { kind: 'relay'; session: string; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'network' }

/** "/preview/abc/hello?x=1" → { session: "abc", path: "/hello?x=1" } (path and query of `url`). */
export function parsePreviewUrl(url: string, origin: string): { session: string; path: string } | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.origin !== origin || !parsed.pathname.startsWith(PREVIEW_PREFIX)) return undefined
  const rest = parsed.pathname.slice(PREVIEW_PREFIX.length)
  const slash = rest.indexOf('/')
  const session = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash))
  if (!session) return undefined
  return { session, path: `${slash < 0 ? '/' : rest.slice(slash)}${parsed.search}` }
}

export function previewBase(origin: string, session: string): string {
  return `${origin}${PREVIEW_PREFIX}${encodeURIComponent(session)}`
}

export interface RouteInput {
  url: string
  /** The Service Worker's origin (the sandbox origin). */
  origin: string
  mode: RequestMode
  /** URL of the document or worker that made the request, when known. */
  clientUrl?: string
}

export function routePreviewRequest(input: RouteInput): PreviewRoute {
  const url = new URL(input.url)
  // Other origins, and the vendored packages every preview may import, go to the network.
  if (url.origin !== input.origin || isRuntimeFile(url.pathname)) return { kind: 'network' }
  const own = parsePreviewUrl(input.url, input.origin)
  if (own) {
    // "/preview/abc" → "/preview/abc/", so the page's relative URLs resolve inside its prefix.
    if (!url.pathname.slice(PREVIEW_PREFIX.length).includes('/')) {
      return { kind: 'redirect', location: `${previewBase(input.origin, own.session)}/${url.search}` }
    }
    return { kind: 'relay', ...own }
  }
  const client = input.clientUrl ? parsePreviewUrl(input.clientUrl, input.origin) : undefined
  if (client && input.mode !== 'navigate')
    return { kind: 'relay', session: client.session, path: `${url.pathname}${url.search}` }
  return { kind: 'network' }
}

/**
 * A redirect from the app to "/login" (or to the sandbox origin's "/login") must stay inside
 * the preview's prefix; redirects elsewhere are left alone.
 */
export function locationInPreview(
  location: string,
  requestUrl: string,
  origin: string,
  session: string,
): string {
  let target: URL
  try {
    target = new URL(location, requestUrl)
  } catch {
    return location
  }
  if (target.origin !== origin || target.pathname.startsWith(PREVIEW_PREFIX)) return location
  return `${previewBase(origin, session)}${target.pathname}${target.search}${target.hash}`
}
