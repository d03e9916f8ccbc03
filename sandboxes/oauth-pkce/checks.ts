import { defineChecks } from '../../src/sandbox/checks.ts'

const start = { id: 'start', request: { method: 'GET', path: '/login' }, expect: { status: 302 } }
const authorize = {
  id: 'authorize',
  request: { method: 'GET', path: '{{start.header.location}}' },
  expect: { status: 302 },
}

export default defineChecks([
  {
    name: 'The whole flow signs Grace in: /login → /idp/authorize → /callback → /me',
    hint: 'Follow the Location headers by hand in the request panel to see each hop. The callback must still exchange the code when the state is right.',
    steps: [
      start,
      authorize,
      {
        request: { method: 'GET', path: '{{authorize.header.location}}' },
        expect: { status: 200, jsonIncludes: { signedInAs: { sub: 'u2' } } },
      },
      {
        request: { method: 'GET', path: '/me' },
        expect: { status: 200, jsonIncludes: { name: 'Grace Hopper' } },
      },
    ],
  },
  {
    name: 'A callback with a state this browser never got is refused with 400 invalid_state',
    hint: 'Compare the state in the query with the oauth_state cookie set by /login, before anything else; and a state must name a flow this server started.',
    steps: [
      start,
      authorize,
      {
        // The attacker's state (and code): not the one in this browser's cookie.
        request: { method: 'GET', path: '/callback?code=stolen-code&state=attacker-state' },
        expect: { status: 400, json: { error: 'invalid_state' } },
      },
    ],
  },
  {
    name: 'A code the authorization server refuses gets a generic error, with no upstream detail',
    hint: 'When the token exchange fails, log what the authorization server said (console.error) and answer only 400 {"error":"Sign-in failed"}.',
    steps: [
      start,
      authorize,
      {
        // This browser's own state, but a code the authorization server never issued.
        request: { method: 'GET', path: '/callback?code=made-up-code&state={{start.cookie.oauth_state}}' },
        expect: { status: 400, json: { error: 'Sign-in failed' } },
      },
    ],
  },
  {
    name: 'A callback with no state cookie at all is refused too',
    hint: 'No cookie means this browser started no flow: nothing to compare with is a failure, not a pass.',
    request: { method: 'GET', path: '/callback?code=x&state=y' },
    expect: { status: 400, json: { error: 'invalid_state' } },
  },
])
