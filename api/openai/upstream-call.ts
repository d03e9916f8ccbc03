/**
 * The life of one upstream call: aborted when the learner's client disconnects (the
 * request's own signal, which @hono/node-server aborts on a closed socket) or when the
 * upstream stays silent too long. For a streamed answer the timer restarts at every event,
 * so a long answer is fine and a stalled one is cut off.
 */

export type AbortReason = 'timeout' | 'client'

export class UpstreamCall {
  readonly #controller = new AbortController()
  readonly #timeoutMs: number
  readonly #clientSignal: AbortSignal
  readonly #onClientAbort = () => this.abort('client')
  #timer: ReturnType<typeof setTimeout> | undefined
  #reason: AbortReason | undefined

  constructor(clientSignal: AbortSignal, timeoutMs: number) {
    this.#timeoutMs = timeoutMs
    this.#clientSignal = clientSignal
    if (clientSignal.aborted) this.abort('client')
    else clientSignal.addEventListener('abort', this.#onClientAbort, { once: true })
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
      new DOMException(reason === 'timeout' ? 'Upstream timed out' : 'Client went away', 'AbortError'),
    )
  }

  /** Stops the timer and forgets the client signal; call when the call has ended. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#clientSignal.removeEventListener('abort', this.#onClientAbort)
  }
}
