/**
 * The page's side of the request relay (see request-relay.ts): writes the relay script into
 * the container, starts it on first use (and again if it ever exits), and matches replies to
 * requests. A request never waits forever: it fails with a clear message after a bound.
 */
import type { WebContainer, WebContainerProcess } from '@webcontainer/api'
import { deserializeResponse, runtimeErrorResponse } from '../protocol.ts'
import type { RuntimeErrorKind } from '../runtime.ts'
import {
  encodeRelayRequest,
  RELAY_PATH,
  RELAY_REQUEST_TIMEOUT_MS,
  RELAY_SCRIPT,
  RelayReplyParser,
  replyToResponse,
  requestToRelay,
  type RelayReply,
} from './request-relay.ts'

interface Pending {
  resolve: (reply: RelayReply) => void
}

/** The runtime's answer in the app's place, marked with RUNTIME_ERROR_HEADER. */
export function runtimeError(kind: RuntimeErrorKind, message: string): Response {
  return deserializeResponse(runtimeErrorResponse(kind, message))
}

/** Room for the relay to start, retry a restarting server and answer, on top of its own limit. */
const CLIENT_TIMEOUT_MS = RELAY_REQUEST_TIMEOUT_MS + 15_000

export class RelayClient {
  private process:
    Promise<{ proc: WebContainerProcess; writer: WritableStreamDefaultWriter<string> }> | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(private readonly container: WebContainer) {}

  /** Never rejects: problems come back as runtime-error responses that say what to do. */
  async send(request: Request, origin: string): Promise<Response> {
    const id = this.nextId++
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const message = encodeRelayRequest(await requestToRelay(id, request, origin))
      const { writer } = await this.ensureProcess()
      const reply = new Promise<RelayReply>((resolve) => {
        this.pending.set(id, { resolve })
        timer = setTimeout(
          () =>
            resolve({
              id,
              ok: false,
              kind: 'timeout',
              error: `No answer from the app within ${CLIENT_TIMEOUT_MS / 1000} s. Is the dev server still running? See the terminal.`,
            }),
          CLIENT_TIMEOUT_MS,
        )
      })
      await writer.write(message)
      const answer = await reply
      return answer.ok ? replyToResponse(answer) : runtimeError(answer.kind, answer.error)
    } catch (err) {
      return runtimeError(
        'unreachable',
        `The request could not reach the WebContainer: ${err instanceof Error ? err.message : String(err)}. Reload the page to start it again.`,
      )
    } finally {
      clearTimeout(timer)
      this.pending.delete(id)
    }
  }

  private ensureProcess() {
    this.process ??= this.spawn()
    return this.process
  }

  private async spawn() {
    const [dir] = RELAY_PATH.split('/')
    await this.container.fs.mkdir(dir!, { recursive: true })
    await this.container.fs.writeFile(RELAY_PATH, RELAY_SCRIPT)
    const proc = await this.container.spawn('node', [RELAY_PATH])
    const parser = new RelayReplyParser()
    void proc.output
      .pipeTo(
        new WritableStream({
          write: (chunk) => {
            for (const reply of parser.push(chunk)) this.pending.get(reply.id)?.resolve(reply)
          },
        }),
      )
      .catch(() => undefined)
    void proc.exit.then(() => {
      // Start a fresh relay on the next request; fail the ones in flight now.
      this.process = undefined
      for (const [id, { resolve }] of this.pending)
        resolve({
          id,
          ok: false,
          kind: 'unreachable',
          error: 'The request relay stopped; send the request again.',
        })
      this.pending.clear()
    })
    return { proc, writer: proc.input.getWriter() }
  }
}
