import { defineChecks } from '../../src/sandbox/checks.ts'

const wrongGrace = {
  request: { method: 'POST', path: '/login', body: { email: 'grace@example.com', password: 'not-it' } },
  // 429 too: a check run a second time meets the lock its first run set.
  expect: { status: [401, 429] },
}

export default defineChecks([
  {
    name: 'Ada logs in with her password',
    hint: 'Keep the happy path working: the right password still answers 200 with the user.',
    request: {
      method: 'POST',
      path: '/login',
      body: { email: 'ada@example.com', password: 'correct horse battery staple' },
    },
    expect: { status: 200, json: { id: 'u1', name: 'Ada Lovelace' } },
  },
  {
    name: 'A wrong password gets 401 "Invalid email or password"',
    hint: 'Say that the pair is wrong, not which half.',
    request: { method: 'POST', path: '/login', body: { email: 'ada@example.com', password: 'Tr0ub4dor&3' } },
    expect: { status: 401, json: { error: 'Invalid email or password' } },
  },
  {
    name: 'An unknown email gets exactly the same answer as a wrong password',
    hint: 'A different status or message tells an attacker which emails have accounts. And time is an answer too: what does the unknown-email path skip that the wrong-password path pays for?',
    request: {
      method: 'POST',
      path: '/login',
      body: { email: 'nobody@example.com', password: 'Tr0ub4dor&3' },
    },
    expect: { status: 401, json: { error: 'Invalid email or password' } },
  },
  {
    name: 'After 5 failures for one email, the 6th attempt gets 429 with Retry-After',
    hint: 'Count failures per email (normalised: trimmed, lower case) with the time of the first; refuse before checking the password, and tell the client when to retry.',
    steps: [
      wrongGrace,
      wrongGrace,
      wrongGrace,
      wrongGrace,
      wrongGrace,
      {
        request: {
          method: 'POST',
          path: '/login',
          body: { email: 'Grace@Example.com', password: 'hunter2-but-longer' },
        },
        expect: { status: 429, headers: { 'Retry-After': { present: true } } },
      },
    ],
  },
])
