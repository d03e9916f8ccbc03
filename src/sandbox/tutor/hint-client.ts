/**
 * Asks the course's tutor endpoint for a hint and reads its event stream (api/tutor/hint-wire.ts).
 * When the deployment requires an access token, the first 401 fetches one from the proxy's
 * token endpoint (as course pages do for sandboxes) and the request is sent once more.
 */
import { parseSse } from '../ui/stream-body.ts'
import type { HintDone, HintRequest, HintStart } from '../../../api/tutor/hint-wire.ts'

export const HINT_ENDPOINT = '/api/openai/tutor/hint'
const TOKEN_ENDPOINT = '/api/openai/token'

export type HintEvent =
  { type: 'start'; start: HintStart } | { type: 'delta'; delta: string } | { type: 'done'; done: HintDone }

/** A refusal or failure, with the server's own words (quota spent, budget spent, upstream down). */
export class HintError extends Error {
  override name = 'HintError'
}

let token: string | undefined

async function fetchToken(): Promise<string | undefined> {
  const res = await fetch(TOKEN_ENDPOINT, { method: 'POST' })
  if (!res.ok) return undefined
  const body = (await res.json()) as { token?: string; required?: boolean }
  return body.required ? body.token : undefined
}

async function errorOf(res: Response): Promise<HintError> {
  try {
    const body = (await res.json()) as { error?: { message?: string } }
    if (body.error?.message) return new HintError(body.error.message)
  } catch {
    // Not the API's JSON (a proxy in front answered): say what happened.
  }
  return new HintError(`The hint service answered ${res.status}. Try again in a moment.`)
}

async function send(request: HintRequest, signal?: AbortSignal): Promise<Response> {
  const post = () =>
    fetch(HINT_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(request),
      signal,
    })
  let res = await post()
  if (res.status === 401) {
    token = await fetchToken()
    if (token) res = await post()
  }
  return res
}

export async function* streamHint(request: HintRequest, signal?: AbortSignal): AsyncGenerator<HintEvent> {
  const res = await send(request, signal)
  if (!res.ok || !res.body) throw await errorOf(res)
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    const parsed = parseSse(buffer + value, 0)
    buffer = parsed.rest
    for (const event of parsed.events) {
      const data = JSON.parse(event.data) as Record<string, unknown>
      if (event.event === 'hint.start') yield { type: 'start', start: data as unknown as HintStart }
      else if (event.event === 'hint.delta') yield { type: 'delta', delta: String(data.delta) }
      else if (event.event === 'hint.done') yield { type: 'done', done: data as unknown as HintDone }
      else if (event.event === 'error') {
        const error = (data as { error?: { message?: string } }).error
        throw new HintError(error?.message ?? 'The hint could not be written. Try again.')
      }
    }
  }
}
