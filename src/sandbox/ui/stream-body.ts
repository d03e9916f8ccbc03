/**
 * Reading a response body as it arrives, for the request panel: a streamed answer (SSE,
 * streamText) is shown piece by piece instead of when it ends, and `text/event-stream` is
 * parsed into events, each stamped with when it arrived. Parsing is DOM-free (unit-tested).
 */

export interface SseEvent {
  /** `event:` (default "message"). */
  event: string
  data: string
  id?: string
  /** Milliseconds from the request being sent to this event arriving. */
  at: number
}

/**
 * Splits complete events off `buffer` (the text/event-stream format: fields per line, events
 * ended by a blank line); returns them and the incomplete rest.
 */
export function parseSse(buffer: string, at: number): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = []
  const normalized = buffer.replace(/\r\n?/g, '\n')
  const blocks = normalized.split('\n\n')
  const rest = blocks.pop() ?? ''
  for (const block of blocks) {
    let event = 'message'
    let id: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue // comments keep a connection alive
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
      else if (field === 'id') id = value
    }
    if (data.length || event !== 'message')
      events.push({ event, data: data.join('\n'), ...(id ? { id } : {}), at })
  }
  return { events, rest }
}

export function isEventStream(response: Response): boolean {
  return /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')
}

/** Most text a streamed body keeps for showing (a stream may never end). */
export const MAX_STREAM_TEXT = 1_000_000

/**
 * Reads the whole body, calling `onUpdate` (at most once per frame) with the text so far and,
 * for text/event-stream, the events so far. Resolves with the full text when the body ends.
 */
export async function readBody(
  response: Response,
  started: number,
  onUpdate: (text: string, events: SseEvent[] | undefined) => void,
): Promise<{ text: string; events: SseEvent[] | undefined }> {
  const sse = isEventStream(response)
  if (!response.body) return { text: '', events: sse ? [] : undefined }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let pending = ''
  const events: SseEvent[] = []
  let frame = 0
  const update = () => {
    frame = 0
    onUpdate(text, sse ? events : undefined)
  }
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const piece = decoder.decode(value, { stream: true })
    if (text.length < MAX_STREAM_TEXT) text += piece
    if (sse) {
      const parsed = parseSse(pending + piece, performance.now() - started)
      events.push(...parsed.events)
      pending = parsed.rest
    }
    frame ||= requestAnimationFrame(update)
  }
  text += decoder.decode()
  if (frame) cancelAnimationFrame(frame)
  return { text, events: sse ? events : undefined }
}
