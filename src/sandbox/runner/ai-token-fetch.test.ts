import { describe, expect, it } from 'vitest'
import { installAiTokenFetch, setAiToken } from './ai-token-fetch.ts'

function fakeScope() {
  const seen: { url: string; authorization: string | null; body: string }[] = []
  const scope = {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      seen.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        body: await request.text(),
      })
      return new Response('ok')
    }) as typeof fetch,
  }
  installAiTokenFetch(scope)
  return { scope, seen }
}

describe('the app worker’s fetch with the course AI token', () => {
  it('replaces the placeholder key on calls to the course’s AI proxy, and only there', async () => {
    const { scope, seen } = fakeScope()
    setAiToken('ctk1.a.b', 'http://localhost:4321')
    const init = { method: 'POST', headers: { authorization: 'Bearer sandbox' }, body: '{"model":"x"}' }
    await scope.fetch('http://localhost:4321/api/openai/v1/chat/completions', init)
    // The learner's code names the course 127.0.0.1 while the page was opened on localhost: same port, same course.
    await scope.fetch('http://127.0.0.1:4321/api/openai/v1/models', {
      headers: { authorization: 'Bearer sandbox' },
    })
    await scope.fetch('http://localhost:4321/api/health', { headers: { authorization: 'Bearer sandbox' } })
    await scope.fetch('https://api.example.com/api/openai/v1/models', {
      headers: { authorization: 'Bearer mine' },
    })
    expect(seen.map((s) => s.authorization)).toEqual([
      'Bearer ctk1.a.b',
      'Bearer ctk1.a.b',
      'Bearer sandbox',
      'Bearer mine',
    ])
    expect(seen[0]!.body).toBe('{"model":"x"}')
  })

  it('uses the refreshed token from then on, and changes nothing without one', async () => {
    const { scope, seen } = fakeScope()
    setAiToken(undefined, 'http://127.0.0.1:4321')
    await scope.fetch('http://127.0.0.1:4321/api/openai/v1/models', {
      headers: { authorization: 'Bearer sandbox' },
    })
    setAiToken('ctk1.new.sig')
    await scope.fetch('http://127.0.0.1:4321/api/openai/v1/models')
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer sandbox', 'Bearer ctk1.new.sig'])
  })
})
