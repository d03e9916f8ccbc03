import { describe, expect, test } from 'vitest'
import { fillJson, fillText, parseTemplate, templatesInValue, type StepCapture } from './check-templates.ts'

const captures = new Map<string, StepCapture>([
  [
    'create',
    {
      status: 201,
      headers: { location: '/tasks/7' },
      body: '{"id":7,"tags":["a","b"],"odd key":{"x":null}}',
      setCookies: ['session=s1; HttpOnly', 'theme=dark'],
    },
  ],
  ['page', { status: 200, headers: {}, body: '<p>hi</p>', setCookies: [] }],
])

describe('templates', () => {
  test('parse every source, and say what is wrong with a bad one', () => {
    expect(parseTemplate(' create.json.tags[1] ')).toEqual({
      step: 'create',
      kind: 'json',
      path: ['tags', 1],
    })
    expect(parseTemplate('create.json["odd key"].x')).toEqual({
      step: 'create',
      kind: 'json',
      path: ['odd key', 'x'],
    })
    expect(parseTemplate('create.header.Location')).toEqual({
      step: 'create',
      kind: 'header',
      name: 'location',
    })
    expect(parseTemplate('create.cookie.session')).toEqual({
      step: 'create',
      kind: 'cookie',
      name: 'session',
    })
    expect(parseTemplate('create.status')).toEqual({ step: 'create', kind: 'status' })
    expect(parseTemplate('create.json.tags[x]')).toBe(
      '"{{create.json.tags[x]}}": cannot read the JSON path at "[x]" (use .key, [0] or ["key"])',
    )
    expect(parseTemplate('1x.status')).toMatch(/must start with a step id/)
    expect(parseTemplate('create.cookies.session')).toMatch(/must read a step's status, json, header/)
  })

  test('text gets text; a whole-template JSON string gets the typed value', () => {
    expect(fillText('{{create.header.location}}?s={{create.status}}&t={{create.json.tags}}', captures)).toBe(
      '/tasks/7?s=201&t=["a","b"]',
    )
    expect(
      fillJson(
        { id: '{{create.json.id}}', label: 'task {{create.json.id}}', s: '{{create.cookie.session}}' },
        captures,
      ),
    ).toEqual({ id: 7, label: 'task 7', s: 's1' })
    expect(fillJson(['{{create.json["odd key"]}}', 3, null], captures)).toEqual([{ x: null }, 3, null])
  })

  test('a missing value throws a message naming the template and the step', () => {
    expect(() => fillText('{{create.json.tags[5]}}', captures)).toThrow(
      '{{create.json.tags[5]}}: the JSON body of step "create" has nothing at json.tags[5]',
    )
    expect(() => fillText('{{page.json.x}}', captures)).toThrow('the body step "page" got is not JSON')
    expect(() => fillText('{{create.cookie.nope}}', captures)).toThrow('step "create" set no cookie "nope"')
    expect(() => fillText('{{create.header.etag}}', captures)).toThrow('step "create" got no etag header')
    expect(() => fillText('{{other.status}}', captures)).toThrow('no earlier step has the id "other"')
  })

  test('templatesInValue finds templates at any depth', () => {
    expect(templatesInValue({ a: ['{{x.status}}', { b: 'p {{y.json.id}} q' }], c: 1 })).toEqual([
      'x.status',
      'y.json.id',
    ])
  })
})
