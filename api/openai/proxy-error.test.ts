import { describe, expect, it } from 'vitest'
import { redactSecrets } from './proxy-error.ts'

describe('redactSecrets', () => {
  it('removes configured secrets and anything shaped like a key', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-abc123def456. See docs.', [])).toBe(
      'Incorrect API key provided: [redacted]. See docs.',
    )
    expect(redactSecrets('key sk-abc***xyz9 was masked', [])).toBe('key [redacted] was masked')
    expect(redactSecrets('sent Authorization: Bearer abc.def.ghi', [])).toBe('sent Authorization: [redacted]')
    expect(redactSecrets('local key my-ollama-secret here', ['my-ollama-secret'])).toBe(
      'local key [redacted] here',
    )
    expect(redactSecrets('nothing to hide', [undefined, ''])).toBe('nothing to hide')
  })
})
