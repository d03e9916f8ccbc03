/**
 * Where the course's AI proxy runs: the course site's origin (the proxy is its /api/openai/v1).
 *
 * - COURSE_ORIGIN when set (Node: `COURSE_ORIGIN=http://127.0.0.1:4321 npm run dev`; tests).
 * - In the course's browser runtime, your app runs in a Worker on the sandbox origin, which by
 *   default is the course's host on the next port (course :4321 → sandbox :4322), or a
 *   `sandbox.` host next to the course's (https://sandbox.course.example → https://course.example).
 * - Otherwise, under Node: http://127.0.0.1:4321, where the course's `npm start` serves it.
 */
type Env = Record<string, string | undefined>
type Place = { protocol: string; hostname: string; port: string }

const env = (globalThis as { process?: { env?: Env } }).process?.env
// Defined in a browser Worker (the sandbox origin), undefined under Node.
const here = (globalThis as { location?: Place }).location

function courseOrigin(): string {
  if (env?.COURSE_ORIGIN) return env.COURSE_ORIGIN.replace(/\/+$/, '')
  if (here?.port) return `${here.protocol}//${here.hostname}:${Number(here.port) - 1}`
  if (here?.hostname.startsWith('sandbox.'))
    return `${here.protocol}//${here.hostname.slice('sandbox.'.length)}`
  return 'http://127.0.0.1:4321'
}

export const COURSE_ORIGIN = courseOrigin()
