import { defineChecks } from '../../src/sandbox/checks.ts'

const login = {
  id: 'login',
  request: {
    method: 'POST',
    path: '/login',
    body: { user: 'ada', password: 'correct horse battery staple' },
  },
  expect: { status: 200, cookies: { session: { present: true } } },
}

export default defineChecks([
  {
    name: 'Logging in sets an HttpOnly, Secure, SameSite=Lax session cookie for every path, for an hour',
    hint: 'After a good password, call setCookie(c, "session", id, { … }) with the five options TODO 1 lists; maxAge is in seconds.',
    request: login.request,
    expect: {
      status: 200,
      jsonIncludes: { user: 'ada' },
      cookies: {
        session: {
          value: { matches: '^[0-9a-f-]{36}$' },
          httpOnly: true,
          secure: true,
          sameSite: 'Lax',
          path: '/',
          maxAge: 3600,
        },
      },
    },
  },
  {
    name: 'A wrong password gets 401 and no cookie',
    hint: 'Only a correct password may start a session.',
    request: { method: 'POST', path: '/login', body: { user: 'ada', password: 'guess' } },
    expect: { status: 401, cookies: { session: { absent: true } } },
  },
  {
    name: 'GET /me without a session cookie answers 401',
    hint: "No cookie (or an unknown one) means nobody is logged in: answer c.json({ error: 'Log in first' }, 401).",
    request: { method: 'GET', path: '/me' },
    expect: { status: 401, json: { error: 'Log in first' } },
  },
  {
    name: 'Log in, then GET /me knows who you are',
    hint: 'In GET /me, read the cookie with getCookie(c, "session") and look the id up in sessions.',
    steps: [
      login,
      {
        request: { method: 'GET', path: '/me' },
        expect: { status: 200, json: { user: 'ada', name: 'Ada Lovelace' } },
      },
    ],
  },
  {
    name: 'An expired session is refused, even though its cookie is sent',
    hint: 'In GET /me, compare the session’s expiresAt with Date.now(): a session past it is deleted from sessions and answered with 401, like no session at all.',
    steps: [
      login,
      { request: { method: 'GET', path: '/me' }, expect: { status: 200 } },
      {
        // EXPIRED_SESSION_ID in src/app.ts: a real id of a session whose hour is over.
        request: {
          method: 'GET',
          path: '/me',
          headers: { Cookie: 'session=5e55e55e-0000-4000-8000-0000000e4b1d' },
        },
        expect: { status: 401, json: { error: 'Log in first' } },
      },
    ],
  },
  {
    name: 'Logging out ends the session, even for a copy of the cookie',
    hint: 'In POST /logout, delete the id from sessions and call deleteCookie(c, "session", { path: "/" }).',
    steps: [
      login,
      {
        request: { method: 'POST', path: '/logout' },
        expect: { status: 204, cookies: { session: { absent: true } } },
      },
      { request: { method: 'GET', path: '/me' }, expect: { status: 401 } },
      {
        // The old cookie, sent by hand: the server must have forgotten the session.
        request: { method: 'GET', path: '/me', headers: { Cookie: 'session={{login.cookie.session}}' } },
        expect: { status: 401 },
      },
    ],
  },
])
