/** The preload a WebContainer's Node loads for the AI token, run here in real Node against a real HTTP server. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createServer, type Server } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AI_TOKEN_FILE_PATH,
  AI_TOKEN_PRELOAD,
  AI_TOKEN_PRELOAD_PATH,
  aiTokenEnv,
} from './ai-token-preload.ts'

let server: Server
let origin = ''
const seen: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? '-'}`)
    res.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  origin = `http://127.0.0.1:${address.port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('the WebContainer AI token preload', () => {
  it('puts the token from its file on calls to the course AI proxy, leaving other calls alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ai-token-'))
    mkdirSync(join(root, '.course'))
    mkdirSync(join(root, 'ai-hello'))
    writeFileSync(join(root, AI_TOKEN_PRELOAD_PATH), AI_TOKEN_PRELOAD)
    writeFileSync(join(root, AI_TOKEN_FILE_PATH), 'ctk1.from.file\n')
    const code = `
      const key = { authorization: 'Bearer sandbox' }
      await fetch(process.env.COURSE_ORIGIN + '/api/openai/v1/chat/completions', { method: 'POST', headers: key, body: '{}' })
      await fetch(process.env.COURSE_ORIGIN + '/api/health', { headers: key })
    `
    // Asynchronously: this process's server must answer while the child runs.
    const result = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
      cwd: join(root, 'ai-hello'),
      env: { ...process.env, ...aiTokenEnv(origin) },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(result.stderr).toBe('')
    expect(seen).toEqual([
      '/api/openai/v1/chat/completions Bearer ctk1.from.file',
      '/api/health Bearer sandbox',
    ])
  })
})
