/**
 * In the app worker: puts the course's AI access token on the app's requests to the course's
 * AI proxy (`<course origin>/api/openai/…`), in place of whatever key the app sends (lessons
 * use the placeholder `apiKey: 'sandbox'`). So learner code that works under Node works here
 * unchanged when the deployment requires tokens, and the token never appears in the code.
 */

let token: string | undefined
let courseOrigin = ''

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The course's API: its origin, or a loopback name for the same port when the course runs locally. */
function isCourseApi(url: URL): boolean {
  if (!url.pathname.startsWith('/api/openai/')) return false
  if (url.origin === courseOrigin) return true
  const course = URL.canParse(courseOrigin) ? new URL(courseOrigin) : undefined
  return (
    course !== undefined &&
    url.protocol === course.protocol &&
    url.port === course.port &&
    LOOPBACK.has(url.hostname) &&
    LOOPBACK.has(course.hostname)
  )
}

export function setAiToken(value: string | undefined, origin?: string): void {
  token = value
  if (origin !== undefined) courseOrigin = origin
}

/** Wraps `fetch` once; the token set later (and replaced when it is refreshed) applies to every call. */
export function installAiTokenFetch(scope: { fetch: typeof fetch }): void {
  const original = scope.fetch.bind(scope)
  scope.fetch = function fetchWithCourseToken(input: RequestInfo | URL, init?: RequestInit) {
    if (!token) return original(input, init)
    const request = new Request(input, init)
    if (!isCourseApi(new URL(request.url))) return original(request)
    const headers = new Headers(request.headers)
    headers.set('authorization', `Bearer ${token}`)
    return original(new Request(request, { headers }))
  }
}
