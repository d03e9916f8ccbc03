/**
 * The WebContainer half of the course AI proxy's access tokens (the worker runtime's is
 * runner/ai-token-fetch.ts): a script Node loads before the learner's server
 * (`NODE_OPTIONS=--require …`) that puts the token on the app's requests to the course's
 * `/api/openai/`, in place of whatever key the app sends. The token is read from a file on
 * each call, so the course page can replace it before it expires without a restart; the app
 * also gets COURSE_ORIGIN, which is where the lessons' code looks for the course.
 */

/** Beside the request relay (request-relay.ts), outside every sandbox's folder. */
export const AI_TOKEN_PRELOAD_PATH = '.course/ai-token.cjs'
export const AI_TOKEN_FILE_PATH = '.course/ai-token'

export const AI_TOKEN_PRELOAD = `// Course AI access token: see src/sandbox/webcontainer/ai-token-preload.ts in the course repository.
'use strict'
const { readFileSync } = require('node:fs')
const { join } = require('node:path')
const tokenFile = join(__dirname, 'ai-token')
const course = process.env.COURSE_ORIGIN ? new URL(process.env.COURSE_ORIGIN).origin : undefined
const original = globalThis.fetch
if (course && typeof original === 'function') {
  globalThis.fetch = function fetchWithCourseToken(input, init) {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.origin !== course || !url.pathname.startsWith('/api/openai/')) return original(request)
    let token = ''
    try {
      token = readFileSync(tokenFile, 'utf8').trim()
    } catch {}
    if (!token) return original(request)
    const headers = new Headers(request.headers)
    headers.set('authorization', 'Bearer ' + token)
    return original(new Request(request, { headers }))
  }
}
`

/** What `npm run dev` gets so the preload applies: relative to the sandbox's folder. */
export function aiTokenEnv(courseOrigin: string): Record<string, string> {
  return { COURSE_ORIGIN: courseOrigin, NODE_OPTIONS: `--require ../${AI_TOKEN_PRELOAD_PATH}` }
}
