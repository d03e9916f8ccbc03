import { describe, expect, it } from 'vitest'
import { isPreviewUrl, runnerMessage } from './runner-messages.ts'

const PREFIX = 'http://127.0.0.1:4322/preview/abc-123/'

describe('runnerMessage', () => {
  it('accepts what the runner sends', () => {
    const messages = [
      { kind: 'reply', id: 3 },
      { kind: 'reply', id: 4, error: 'src/app.ts:1: SyntaxError' },
      {
        kind: 'reply',
        id: 5,
        response: {
          status: 200,
          statusText: '',
          headers: [['content-type', 'text/plain']],
          body: new ArrayBuffer(2),
        },
      },
      {
        kind: 'log',
        entry: { level: 'error', message: 'boom', file: 'src/app.ts', line: 3, time: 1, source: 'app' },
      },
      { kind: 'status', status: { state: 'starting', detail: 'restarting' } },
      { kind: 'status', status: { state: 'running' } },
      { kind: 'status', status: { state: 'running', previewUrl: PREFIX } },
      { kind: 'status', status: { state: 'crashed', message: 'src/app.ts:1: nope' } },
    ]
    for (const message of messages)
      expect(runnerMessage(message, PREFIX), JSON.stringify(message)).toBe(message)
  })

  it.each([
    ['not an object', 'reply'],
    ['an unknown kind', { kind: 'navigate', url: 'https://evil.example' }],
    ['a reply without an id', { kind: 'reply' }],
    ['a reply whose response has no status', { kind: 'reply', id: 1, response: { headers: [], body: null } }],
    [
      'a reply with a body that is not bytes',
      { kind: 'reply', id: 1, response: { status: 200, statusText: '', headers: [], body: 'x' } },
    ],
    [
      'a log with an unknown level',
      { kind: 'log', entry: { level: 'alert', message: 'x', time: 1, source: 'app' } },
    ],
    ['a status with an unknown state', { kind: 'status', status: { state: 'owned' } }],
    ['a status with extra fields', { kind: 'status', status: { state: 'idle', previewUrl: PREFIX } }],
    [
      'a preview on another origin',
      { kind: 'status', status: { state: 'running', previewUrl: 'https://evil.example/preview/abc-123/' } },
    ],
    [
      'another session’s preview',
      { kind: 'status', status: { state: 'running', previewUrl: 'http://127.0.0.1:4322/preview/other/' } },
    ],
    [
      'the runner page itself',
      { kind: 'status', status: { state: 'running', previewUrl: 'http://127.0.0.1:4322/runner.html' } },
    ],
    [
      'a preview path that climbs out',
      { kind: 'status', status: { state: 'running', previewUrl: `${PREFIX}%2e%2e/%2e%2e/runner.html` } },
    ],
  ])('refuses %s', (_name, message) => {
    expect(runnerMessage(message, PREFIX)).toBeUndefined()
  })
})

describe('isPreviewUrl', () => {
  it('accepts the session’s preview and the pages under it', () => {
    expect(isPreviewUrl(PREFIX, PREFIX)).toBe(true)
    expect(isPreviewUrl(`${PREFIX}about?x=1`, PREFIX)).toBe(true)
    expect(isPreviewUrl('javascript:alert(1)', PREFIX)).toBe(false)
    expect(isPreviewUrl('http://127.0.0.1:4322/preview/abc-1234/', PREFIX)).toBe(false)
  })
})
