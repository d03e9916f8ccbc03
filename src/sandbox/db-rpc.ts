/**
 * Calls over a MessagePort to the DB worker (runner/db-worker.ts), which runs the sandbox's one
 * PGlite. Its clients: the PGlite stand-in inside each app worker (vendor/pglite.ts) and the
 * runner itself (Data panel, Reset data). Errors keep every field of PGlite's DatabaseError
 * (structured clone would drop all but the message).
 */

export interface RpcCall {
  id: number
  /** Who holds locks, so a client that dies mid-transaction can be rolled back. */
  client: string
  method: string
  args: unknown[]
}

export type RpcReply =
  | { id: number; result: unknown }
  | { id: number; error: Record<string, unknown> & { message: string } }
  | { notify: { channel: string; payload: string } }

interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent) => void) | null
}

/** An Error carrying the fields the other side sent (code, position, hint…). */
export function errorFromReply(fields: Record<string, unknown> & { message: string }): Error {
  const error = new Error(fields.message)
  Object.assign(error, fields)
  if (typeof fields.name === 'string') error.name = fields.name
  return error
}

/** Own enumerable fields of a thrown value, for the reply. */
export function errorFields(err: unknown): Record<string, unknown> & { message: string } {
  if (!(err instanceof Error)) return { message: String(err) }
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(err)) {
    if (value === undefined || typeof value === 'function') continue
    if (key === 'queryOptions') continue // may hold functions (parsers)
    fields[key] = value
  }
  return { ...fields, name: err.name, message: err.message }
}

export class RpcClient {
  readonly client: string
  #port: PortLike
  #next = 1
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  #onNotify: ((channel: string, payload: string) => void) | undefined

  constructor(port: PortLike, client: string, onNotify?: (channel: string, payload: string) => void) {
    this.#port = port
    this.client = client
    this.#onNotify = onNotify
    port.onmessage = (event: MessageEvent<RpcReply>) => this.#reply(event.data)
  }

  call<T>(method: string, args: unknown[] = [], transfer: Transferable[] = []): Promise<T> {
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.#port.postMessage({ id, client: this.client, method, args } satisfies RpcCall, transfer)
    })
  }

  /** Fails every call in flight (the DB worker was restarted). */
  failAll(message: string) {
    for (const { reject } of this.#pending.values()) reject(new Error(message))
    this.#pending.clear()
  }

  #reply(reply: RpcReply) {
    if ('notify' in reply) return this.#onNotify?.(reply.notify.channel, reply.notify.payload)
    const pending = this.#pending.get(reply.id)
    if (!pending) return
    this.#pending.delete(reply.id)
    if ('error' in reply) pending.reject(errorFromReply(reply.error))
    else pending.resolve(reply.result)
  }
}
