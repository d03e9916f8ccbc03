// The demo model's tool calling (the round trip itself is tested through the proxy and the SDK
// in sandboxes/ai-tasks-assistant).
import { describe, expect, it } from 'vitest'
import { demoBackend } from './demo-model.ts'

const tools = [{ type: 'function', name: 'list_tasks', parameters: { type: 'object', properties: {} } }]
const ask = (body: Record<string, unknown>) =>
  demoBackend({ chunkDelayMs: 0 }).responses(
    { model: 'gpt-4.1-mini', input: [{ role: 'user', content: 'Open tasks?' }], ...body },
    new AbortController().signal,
  ) as Promise<{ output: { type: string; name?: string }[]; output_text: string }>

describe('demo model tools', () => {
  it('calls the first function tool it is offered, or the one tool_choice names', async () => {
    expect((await ask({ tools })).output).toMatchObject([
      { type: 'function_call', name: 'list_tasks', arguments: '{}' },
    ])
    const two = [...tools, { type: 'function', name: 'other', parameters: {} }]
    expect(
      (await ask({ tools: two, tool_choice: { type: 'function', name: 'other' } })).output[0]?.name,
    ).toBe('other')
  })

  it('answers in text with tool_choice "none", and once a tool output is in the input', async () => {
    expect((await ask({ tools, tool_choice: 'none' })).output[0]?.type).toBe('message')
    const answered = await ask({
      tools,
      input: [
        { role: 'user', content: 'Open tasks?' },
        { type: 'function_call', call_id: 'c1', name: 'list_tasks', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: '[{"id":"t2"}]' },
      ],
    })
    expect(answered.output_text).toContain('The list_tasks tool returned: [{"id":"t2"}]')
  })
})
