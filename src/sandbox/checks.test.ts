import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { describe, expect, test } from 'vitest'
import {
  checkRequest,
  compareResponse,
  defineChecks,
  readResponse,
  runChecks,
  type ActualResponse,
  type Check,
} from './checks.ts'

function greeter() {
  const app = new Hono()
  app.post('/hello', async (c) => {
    const body = await c.req.json().catch(() => null)
    if (!body?.name) return c.json({ error: 'Missing name parameter' }, 400)
    return c.json({ message: `Hello, ${body.name}!`, at: 'now' })
  })
  app.get('/text', (c) => c.text('Hello, World!'))
  return app
}

/** A login app as an exercise would have it: POST /login sets a session cookie, GET /me needs it. */
function sessions(options: { httpOnly?: boolean } = {}) {
  const app = new Hono()
  const live = new Map<string, string>()
  let next = 1
  app.post('/login', async (c) => {
    const { user, password } = await c.req.json<{ user?: string; password?: string }>()
    if (password !== 'secret' || !user) return c.json({ error: 'Wrong user or password' }, 401)
    const id = `s${next++}`
    live.set(id, user)
    setCookie(c, 'session', id, {
      httpOnly: options.httpOnly ?? true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 3600,
    })
    return c.json({ user })
  })
  app.get('/me', (c) => {
    const user = live.get(getCookie(c, 'session') ?? '')
    return user ? c.json({ user }) : c.json({ error: 'Log in first' }, 401)
  })
  app.post('/logout', (c) => {
    live.delete(getCookie(c, 'session') ?? '')
    deleteCookie(c, 'session', { path: '/' })
    return c.body(null, 204)
  })
  return app
}

/** Tasks with server-chosen ids, for captures. */
function tasks() {
  const app = new Hono()
  const all: { id: number; title: string; done: boolean }[] = []
  app.post('/tasks', async (c) => {
    const { title } = await c.req.json<{ title: string }>()
    const task = { id: all.length + 41, title, done: false }
    all.push(task)
    c.header('Location', `/tasks/${task.id}`)
    return c.json(task, 201)
  })
  app.get('/tasks', (c) => c.json({ tasks: all }))
  app.get('/tasks/:id', (c) => {
    const task = all.find((t) => t.id === Number(c.req.param('id')))
    return task ? c.json(task) : c.json({ error: 'Not found' }, 404)
  })
  app.post('/echo', async (c) => c.json({ got: await c.req.json(), header: c.req.header('x-ref') ?? null }))
  return app
}

const login: Check = {
  name: 'a logged-in user sees their name',
  hint: 'Set the session cookie on login.',
  steps: [
    {
      id: 'login',
      request: { method: 'POST', path: '/login', body: { user: 'ada', password: 'secret' } },
      expect: {
        status: 200,
        cookies: { session: { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 3600 } },
      },
    },
    { id: 'me', request: { method: 'GET', path: '/me' }, expect: { status: 200, json: { user: 'ada' } } },
  ],
}

describe('checkRequest', () => {
  test('sends JSON values as JSON with a content type', async () => {
    const req = checkRequest({ method: 'post', path: '/hello?x=1', body: { name: 'Alice' } })
    expect(req.method).toBe('POST')
    expect(req.url).toBe('http://localhost/hello?x=1')
    expect(req.headers.get('content-type')).toBe('application/json')
    expect(await req.text()).toBe('{"name":"Alice"}')
  })

  test('sends strings as-is and keeps an explicit content type', async () => {
    const req = checkRequest({
      method: 'POST',
      path: '/hello',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"name":',
    })
    expect(req.headers.get('content-type')).toBe('text/plain')
    expect(await req.text()).toBe('{"name":')
  })

  test("carries the jar's cookies as a Cookie header (under Node, where nothing forbids it)", () => {
    expect(checkRequest({ method: 'GET', path: '/me' }, undefined, 'session=s1').headers.get('cookie')).toBe(
      'session=s1',
    )
  })
})

describe('single-request checks against app.request', () => {
  const checks = defineChecks([
    {
      name: 'greets Alice',
      hint: 'Read name from the JSON body.',
      request: { method: 'POST', path: '/hello', body: { name: 'Alice' } },
      expect: {
        status: 200,
        jsonIncludes: { message: 'Hello, Alice!' },
        headers: { 'Content-Type': { includes: 'json' } },
      },
    },
    {
      name: 'rejects a missing name',
      hint: 'Answer 400 when name is missing.',
      request: { method: 'POST', path: '/hello', body: {} },
      expect: { status: 400, json: { error: 'Missing name parameter' } },
    },
    {
      name: 'exact JSON fails on extra keys',
      hint: 'Only message.',
      request: { method: 'POST', path: '/hello', body: { name: 'Bob' } },
      expect: { json: { message: 'Hello, Bob!' } },
    },
    {
      name: 'text',
      hint: 'Plain text.',
      request: { method: 'GET', path: '/text' },
      expect: {
        status: [200, 203],
        text: 'Hello, World!',
        bodyIncludes: 'World',
        bodyMatches: '^Hello, \\w+!$',
      },
    },
  ])

  test('reports passed and failed checks, each as one step with request, expected, actual and hint', async () => {
    const app = greeter()
    const results = await runChecks(checks, (req) => app.request(req))
    expect(results.map((r) => r.passed)).toEqual([true, true, false, true])
    const failed = results[2]!
    expect(failed.hint).toBe('Only message.')
    expect(failed.failedStep).toBe(0)
    expect(failed.steps).toHaveLength(1)
    expect(failed.steps[0]!.request).toEqual((checks[2] as { request: unknown }).request)
    expect(failed.steps[0]!.expected).toEqual((checks[2] as { expect: unknown }).expect)
    expect(failed.steps[0]!.actual?.status).toBe(200)
    expect(failed.message).toBe('body.at: not expected, got "now"')
    expect(results[0]!.message).toBe('Passed')
  })

  test('a fetch that throws fails the check with the reason', async () => {
    const results = await runChecks(checks.slice(0, 1), () => {
      throw new Error('the app is not running')
    })
    expect(results[0]).toMatchObject({ passed: false, message: 'request failed: the app is not running' })
    expect(results[0]!.steps[0]!.actual).toBeUndefined()
  })
})

describe('multi-step checks: the cookie jar', () => {
  test('Set-Cookie from one step is sent on the next, and the request shown carries it', async () => {
    const app = sessions()
    const [result] = await runChecks([login], (req) => app.request(req))
    expect(result!.message).toBe('Passed')
    expect(result!.steps.map((s) => s.state)).toEqual(['passed', 'passed'])
    expect(result!.steps[1]!.request.headers).toEqual({ Cookie: 'session=s1' })
    expect(result!.steps[0]!.actual!.setCookies).toEqual([
      'session=s1; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax',
    ])
  })

  test('each check starts with an empty jar', async () => {
    const app = sessions()
    const anonymous: Check = {
      name: 'without logging in, /me is refused',
      hint: 'Answer 401.',
      steps: [{ request: { method: 'GET', path: '/me' }, expect: { status: 401 } }],
    }
    const results = await runChecks([login, anonymous], (req) => app.request(req))
    expect(results.map((r) => r.passed)).toEqual([true, true])
    expect(results[1]!.steps[0]!.request.headers).toBeUndefined()
  })

  test('a deleting Set-Cookie (Max-Age=0) empties the jar, so the next step is logged out', async () => {
    const app = sessions()
    const [result] = await runChecks(
      [
        {
          name: 'logout ends the session',
          hint: 'Delete the cookie.',
          steps: [
            login.steps[0]!,
            {
              request: { method: 'POST', path: '/logout' },
              expect: { status: 204, cookies: { session: { absent: true } } },
            },
            { request: { method: 'GET', path: '/me' }, expect: { status: 401 } },
            // The old cookie, replayed by hand, no longer works either.
            {
              request: {
                method: 'GET',
                path: '/me',
                headers: { Cookie: 'session={{login.cookie.session}}' },
              },
              expect: { status: 401 },
            },
          ],
        },
      ],
      (req) => app.request(req),
    )
    expect(result!.message).toBe('Passed')
    expect(result!.steps[2]!.request.headers).toBeUndefined()
    expect(result!.steps[3]!.request.headers).toEqual({ Cookie: 'session=s1' })
  })

  test('the first failing step is named, the rest are skipped, and cookie attributes are explained', async () => {
    const app = sessions({ httpOnly: false })
    const [result] = await runChecks([login], (req) => app.request(req))
    expect(result!.passed).toBe(false)
    expect(result!.failedStep).toBe(0)
    expect(result!.steps.map((s) => s.state)).toEqual(['failed', 'skipped'])
    expect(result!.message).toBe(
      'Step 1 (login) of 2: cookie session: expected HttpOnly, got Set-Cookie: session=s1; Path=/; Max-Age=3600; SameSite=Lax',
    )
    expect(result!.steps[1]!.message).toBe('Not run: step 1 failed')
  })

  test('a starter without the cookie fails at the protected step', async () => {
    const app = new Hono()
    app.post('/login', (c) => c.json({ user: 'ada' }))
    app.get('/me', (c) => c.json({ error: 'Log in first' }, 401))
    const [result] = await runChecks(
      [{ ...login, steps: [{ ...login.steps[0]!, expect: { status: 200 } }, login.steps[1]!] }],
      (req) => app.request(req),
    )
    expect(result!.failedStep).toBe(1)
    expect(result!.message).toBe(
      'Step 2 (me) of 2: status: expected 200, got 401\nbody.user: missing\nbody.error: not expected, got "Log in first"',
    )
  })
})

describe('multi-step checks: captures', () => {
  test('json, header and status values flow into later paths, headers, bodies and expectations', async () => {
    const app = tasks()
    const [result] = await runChecks(
      [
        {
          name: 'create then fetch',
          hint: 'Answer 201 with the task.',
          steps: [
            {
              id: 'create',
              request: { method: 'POST', path: '/tasks', body: { title: 'Milk' } },
              expect: { status: 201, headers: { Location: { matches: '^/tasks/\\d+$' } } },
            },
            {
              request: { method: 'GET', path: '/tasks/{{create.json.id}}' },
              expect: { status: 200, json: { id: '{{create.json.id}}', title: 'Milk', done: false } },
            },
            {
              request: { method: 'GET', path: '{{create.header.location}}' },
              expect: { jsonIncludes: { title: 'Milk' } },
            },
            {
              request: {
                method: 'POST',
                path: '/echo',
                headers: { 'X-Ref': 'task {{create.json.id}} ({{create.status}})' },
                body: { id: '{{create.json.id}}', label: '#{{create.json.id}}', whole: '{{create.json}}' },
              },
              expect: {
                json: {
                  got: { id: 41, label: '#41', whole: { id: 41, title: 'Milk', done: false } },
                  header: 'task 41 (201)',
                },
              },
            },
          ],
        },
      ],
      (req) => app.request(req),
    )
    expect(result!.message).toBe('Passed')
    expect(result!.steps[1]!.request.path).toBe('/tasks/41')
    // Expectations are shown filled in, with the captured type.
    expect(result!.steps[1]!.expected.json).toEqual({ id: 41, title: 'Milk', done: false })
  })

  test('a value the earlier step did not get fails the step that needs it, saying which', async () => {
    const app = tasks()
    const [result] = await runChecks(
      [
        {
          name: 'needs an id',
          hint: 'Return the id.',
          steps: [
            { id: 'list', request: { method: 'GET', path: '/tasks' }, expect: { status: 200 } },
            { request: { method: 'GET', path: '/tasks/{{list.json.tasks[0].id}}' }, expect: { status: 200 } },
          ],
        },
      ],
      (req) => app.request(req),
    )
    expect(result!.message).toBe(
      'Step 2 of 2: {{list.json.tasks[0].id}}: the JSON body of step "list" has nothing at json.tasks[0]',
    )
    expect(result!.steps[1]!.actual).toBeUndefined()
  })
})

describe('JSON matchers on real responses', () => {
  test('array length, contains an item like, type, regex and absent keys', async () => {
    const app = tasks()
    const create = (title: string) => ({
      request: { method: 'POST', path: '/tasks', body: { title } },
      expect: { status: 201 },
    })
    const [pass, fail] = await runChecks(
      [
        {
          name: 'list',
          hint: 'List them.',
          steps: [
            create('Milk'),
            create('Bread'),
            {
              request: { method: 'GET', path: '/tasks' },
              expect: {
                jsonIncludes: {
                  tasks: { $type: 'array', $length: 2, $contains: { title: 'Bread' } },
                },
                json: {
                  tasks: [
                    { id: { $type: 'number' }, title: { $matches: '^M' }, done: false },
                    { id: 42, title: 'Bread', done: false, owner: { $absent: true } },
                  ],
                },
              },
            },
          ],
        },
        {
          name: 'wrong expectations',
          hint: 'x',
          request: { method: 'GET', path: '/tasks' },
          expect: { jsonIncludes: { tasks: { $length: 3, $contains: { title: 'Eggs' } } } },
        },
      ],
      (req) => app.request(req),
    )
    expect(pass!.message).toBe('Passed')
    expect(fail!.message.split('\n')).toEqual([
      expect.stringMatching(/^body\.tasks: expected 3 items, got 2 items: \[/),
      expect.stringMatching(/^body\.tasks: expected an item like \{"title":"Eggs"\}, got \[/),
    ])
  })
})

describe('compareResponse', () => {
  const actual: ActualResponse = {
    status: 500,
    headers: { 'content-type': 'text/plain', 'x-powered-by': 'me' },
    setCookies: [],
    body: 'Internal Server Error',
  }

  test('lists every mismatch on its own line', () => {
    expect(
      compareResponse(
        {
          status: [200, 201],
          headers: {
            'X-Id': 'a',
            'Content-Type': 'application/json',
            'X-Powered-By': { absent: true },
            'X-Request-Id': { present: true },
            'content-type ': { matches: '^application/' },
          },
          json: { error: 'x' },
        },
        actual,
      ),
    ).toEqual([
      'status: expected one of 200, 201, got 500',
      'header X-Id: expected it to be set, but it is missing',
      'header Content-Type: expected "application/json", got "text/plain"',
      'header X-Powered-By: expected no such header, got "me"',
      'header X-Request-Id: expected it to be set, but it is missing',
      'header content-type : expected it to be set, but it is missing',
      'body: expected JSON, got "Internal Server Error"',
    ])
    expect(compareResponse({ headers: { 'Content-Type': { matches: '^text/' } } }, actual)).toEqual([])
  })

  test('text, bodyIncludes and bodyMatches', () => {
    expect(compareResponse({ text: 'Hello' }, actual)).toEqual([
      'body: expected "Hello", got "Internal Server Error"',
    ])
    expect(compareResponse({ bodyIncludes: 'Error' }, actual)).toEqual([])
    expect(compareResponse({ bodyIncludes: 'x' }, { ...actual, body: '' })).toEqual([
      'body: expected it to contain "x", got an empty body',
    ])
    expect(compareResponse({ bodyMatches: '^OK$' }, actual)).toEqual([
      'body: expected it to match /^OK$/, got "Internal Server Error"',
    ])
  })

  test('cookies: present, absent, deleted, value and attributes', () => {
    const withCookies = (...setCookies: string[]) => ({ ...actual, setCookies })
    expect(compareResponse({ cookies: { session: { present: true } } }, withCookies())).toEqual([
      'cookie session: expected the response to set it (Set-Cookie), but it did not',
    ])
    expect(
      compareResponse({ cookies: { session: { present: true } } }, withCookies('session=; Max-Age=0')),
    ).toEqual([
      'cookie session: expected it to be set, but the response deletes it: Set-Cookie: session=; Max-Age=0',
    ])
    expect(
      compareResponse({ cookies: { session: { absent: true } } }, withCookies('session=; Max-Age=0')),
    ).toEqual([])
    expect(compareResponse({ cookies: { session: { absent: true } } }, withCookies('session=1'))).toEqual([
      'cookie session: expected the response not to set it, got Set-Cookie: session=1',
    ])
    expect(
      compareResponse(
        {
          cookies: {
            session: {
              value: { matches: '^[a-f0-9]{8}$' },
              secure: true,
              sameSite: 'Strict',
              path: '/',
              maxAge: 60,
            },
          },
        },
        withCookies('other=1', 'session=abc; path=/app; SameSite=lax; Max-Age=30'),
      ),
    ).toEqual([
      'cookie session: value: expected it to match /^[a-f0-9]{8}$/, got "abc"',
      'cookie session: expected Secure, got Set-Cookie: session=abc; Path=/app; Max-Age=30; SameSite=Lax',
      'cookie session: expected SameSite=Strict, got Set-Cookie: session=abc; Path=/app; Max-Age=30; SameSite=Lax',
      'cookie session: expected Path=/, got Set-Cookie: session=abc; Path=/app; Max-Age=30; SameSite=Lax',
      'cookie session: expected Max-Age=60, got Set-Cookie: session=abc; Path=/app; Max-Age=30; SameSite=Lax',
    ])
  })

  test('readResponse keeps every Set-Cookie, and header expectations see them all', async () => {
    const read = await readResponse(
      new Response('', {
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2; HttpOnly'],
          ['x-a', '1'],
        ],
      }),
    )
    expect(read.setCookies).toEqual(['a=1', 'b=2; HttpOnly'])
    expect(read.headers).toMatchObject({ 'x-a': '1', 'set-cookie': 'a=1, b=2; HttpOnly' })
    expect(compareResponse({ headers: { 'Set-Cookie': { includes: 'HttpOnly' } } }, read)).toEqual([])
  })
})
