/**
 * The life of one upstream call: aborted when the learner's client disconnects (the
 * request's own signal, which @hono/node-server aborts on a closed socket) or when the
 * upstream stays silent too long. For a streamed answer the silence timer restarts at every
 * event, so a long answer is fine and a stalled one is cut off; a second, wall-clock timer
 * bounds the whole call, so a client that reads slowly cannot hold an upstream stream open
 * for ever.
 */

/** `timeout`: silent too long; `deadline`: the wall-clock cap; `client`: the client went away. */
export type AbortReason = 'timeout' | 'deadline' | 'client'

export class UpstreamCall {
  readonly #controller = new AbortController()
  readonly #timeoutMs: number
  readonly maxMs: number
  readonly #clientSignal: AbortSignal
  readonly #onClientAbort = () => this.abort('client')
  #timer: ReturnType<typeof setTimeout> | undefined
  #deadline: ReturnType<typeof setTimeout> | undefined
  #reason: AbortReason | undefined

  constructor(clientSignal: AbortSignal, timeoutMs: number, maxMs = Infinity) {
    this.#timeoutMs = timeoutMs
    this.maxMs = maxMs
    this.#clientSignal = clientSignal
    if (clientSignal.aborted) this.abort('client')
    else clientSignal.addEventListener('abort', this.#onClientAbort, { once: true })
    if (Number.isFinite(maxMs) && !this.#reason)
      this.#deadline = setTimeout(() => this.abort('deadline'), maxMs)
    this.touch()
  }

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Why the call was aborted, if it was. */
  get reason(): AbortReason | undefined {
    return this.#reason
  }

  get timeoutMs(): number {
    return this.#timeoutMs
  }

  /** Restarts the silence timer (called on every streamed event). */
  touch(): void {
    if (this.#reason) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.abort('timeout'), this.#timeoutMs)
  }

  abort(reason: AbortReason): void {
    if (this.#reason) return
    this.#reason = reason
    this.dispose()
    this.#controller.abort(
      new DOMException(reason === 'client' ? 'Client went away' : 'Upstream timed out', 'AbortError'),
    )
  }

  /** Stops the timer and forgets the client signal; call when the call has ended. */
  dispose(): void {
    clearTimeout(this.#timer)
    clearTimeout(this.#deadline)
    this.#clientSignal.removeEventListener('abort', this.#onClientAbort)
  }
}
