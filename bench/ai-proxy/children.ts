/** What the parts of bench:ai-proxy share: the child processes they start and how they talk to the proxy. */
import { fork, type ChildProcess } from 'node:child_process'
import { request, type Agent } from 'node:http'
import { join } from 'node:path'

export const KEY = 'sk-bench-0123456789abcdefghijklmnopqrstuv'
export const UPSTREAM_PORT = 4480
export const PROXY_PORT = 4481

/** Forks a script of this folder and resolves once it says it is ready. */
export function start(script: string, args: string[], execArgv: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, script), args, {
      execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    child.once('message', () => resolve(child))
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready (are ports 4480–4484 free?)`)),
    )
  })
}

/** Starts a POST of a chat completion to the proxy (the caller reads the answer). */
export function postChat(agent: Agent, body: string, headers: Record<string, string> = {}) {
  return request({
    host: '127.0.0.1',
    port: PROXY_PORT,
    path: '/api/openai/v1/chat/completions',
    method: 'POST',
    agent,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
  })
}

/** The q-quantile of `values` (0 ≤ q ≤ 1). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}
