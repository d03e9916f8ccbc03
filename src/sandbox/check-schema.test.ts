import { describe, expect, test } from 'vitest'
import { validateChecks } from './check-schema.ts'

const login = {
  id: 'login',
  request: { method: 'POST', path: '/login', body: { user: 'ada' } },
  expect: { status: 200, cookies: { session: { httpOnly: true, sameSite: 'Lax' } } },
}

function problems(checks: unknown): string[] {
  return validateChecks(checks).problems
}

describe('validateChecks', () => {
  test('accepts both forms, templates that read earlier steps, and matchers', () => {
    const result = validateChecks([
      {
        name: 'one request',
        hint: 'x y z',
        request: { method: 'GET', path: '/' },
        expect: { status: [200, 204] },
      },
      {
        name: 'a conversation',
        hint: 'Log in first.',
        steps: [
          login,
          {
            request: {
              method: 'GET',
              path: '/users/{{login.json.user}}',
              headers: { 'X-Ref': '{{login.header.x-id}}' },
            },
            expect: {
              headers: { Location: { matches: '^/x/\\d+$' }, 'X-Powered-By': { absent: true } },
              jsonIncludes: { items: { $length: 2, $contains: { done: true } }, secret: { $absent: true } },
              bodyMatches: 'ada',
            },
          },
          // Following a redirect: the path is the Location an earlier step answered.
          { request: { method: 'GET', path: '{{login.header.location}}' }, expect: { status: 200 } },
        ],
      },
    ])
    expect(result.problems).toEqual([])
    expect('checks' in result && result.checks).toHaveLength(2)
  })

  test('names the check and step of a template that reads no earlier step, or a later one', () => {
    expect(
      problems([
        {
          name: 'logs in',
          hint: 'x y z',
          steps: [
            { request: { method: 'GET', path: '/me?u={{me.json.user}}' }, expect: { status: 200 } },
            { ...login, id: 'me', request: { ...login.request, body: { u: '{{logn.cookie.session}}' } } },
          ],
        },
        {
          name: 'single',
          hint: 'x y z',
          request: { method: 'GET', path: '/{{a.status}}' },
          expect: { status: 200 },
        },
      ]),
    ).toEqual([
      'check 1 ("logs in") step 1: request.path: {{me.json.user}} reads step "me", which runs later: a step can only read earlier steps',
      'check 1 ("logs in") step 2 (me): request.body: {{logn.cookie.session}} names no earlier step: give an earlier step an id',
      'check 2 ("single"): request.path: {{a.status}} names no earlier step: give an earlier step an id',
    ])
  })

  test('bad template syntax, duplicate ids, bad regular expressions and matchers', () => {
    expect(
      problems([
        {
          name: 'broken',
          hint: 'x y z',
          steps: [
            login,
            {
              id: 'login',
              request: { method: 'GET', path: '/{{login.body}}' },
              expect: {
                headers: { 'X-Id': { matches: '(' } },
                bodyMatches: '[',
                cookies: { session: { absent: true, httpOnly: true } },
                json: { items: { $lenght: 2 }, mixed: { $type: 'string', other: 1 }, t: { $type: 'text' } },
              },
            },
          ],
        },
      ]),
    ).toEqual([
      'check 1 ("broken") step 2 (login): request.path: "{{login.body}}" must read a step\'s status, json, header.<name> or cookie.<name>, e.g. {{login.json.id}}',
      expect.stringMatching(
        /^check 1 \("broken"\) step 2 \(login\): expect\.headers\.X-Id\.matches: not a valid regular expression: /,
      ),
      expect.stringMatching(
        /^check 1 \("broken"\) step 2 \(login\): expect\.bodyMatches: not a valid regular expression: /,
      ),
      'check 1 ("broken") step 2 (login): expect.json.items: unknown matcher $lenght: use $length, $contains, $type, $matches, $absent, $present',
      'check 1 ("broken") step 2 (login): expect.json.mixed: mixes matchers ($type) with keys (other): put the matcher on one key, e.g. { "tasks": { "$length": 2 } }',
      'check 1 ("broken") step 2 (login): expect.json.t.$type: must be one of string, number, boolean, null, array, object',
      'check 1 ("broken") step 2 (login): expect.cookies.session: expects httpOnly of a cookie it also expects to be absent',
      'check 1 ("broken") step 2 (login): id: "login" is already the id of an earlier step',
    ])
  })

  test('shape problems read against the form the check was meant to have', () => {
    expect(problems({})).toEqual(['the default export must be defineChecks([...]), a list of checks'])
    expect(
      problems([
        { name: 'x', hint: 'Say hi.' },
        { name: 'steps', hint: 'x y z', steps: [{ request: { method: 'FETCH', path: 'me' }, expect: {} }] },
        { name: 'bad status', hint: 'x y z', request: { method: 'GET', path: '/' }, expect: { status: [] } },
      ]),
    ).toEqual([
      'check 1 ("x"): name: Too small: expected string to have >=3 characters',
      'check 1 ("x"): request: Invalid input: expected object, received undefined',
      'check 1 ("x"): expect: Invalid input: expected object, received undefined',
      'check 2 ("steps"): steps.0.request.method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got "FETCH"',
      'check 2 ("steps"): steps.0.request.path: must start with "/", e.g. "/hello" or "/tasks/{{create.json.id}}"',
      'check 2 ("steps"): steps.0.expect: must expect something (status, headers, cookies or body)',
      expect.stringMatching(/^check 3 \("bad status"\): expect\.status: /),
    ])
  })
})
