import { describe, expect, it } from 'vitest'
import { parseSse } from './stream-body.ts'

describe('parseSse', () => {
  it('splits complete events and keeps the rest for the next piece', () => {
    const { events, rest } = parseSse(
      'event: imported\ndata: {"done":1}\nid: 1\n\ndata: a\ndata: b\n\nevent: fin',
      12,
    )
    expect(events).toEqual([
      { event: 'imported', data: '{"done":1}', id: '1', at: 12 },
      { event: 'message', data: 'a\nb', at: 12 },
    ])
    expect(rest).toBe('event: fin')
    expect(parseSse(`${rest}ished\ndata: {}\n\n`, 40).events).toEqual([
      { event: 'finished', data: '{}', at: 40 },
    ])
  })

  it('ignores comments and reads CRLF line ends', () => {
    expect(parseSse(': keep-alive\r\n\r\ndata: x\r\n\r\n', 1).events).toEqual([
      { event: 'message', data: 'x', at: 1 },
    ])
  })
})
