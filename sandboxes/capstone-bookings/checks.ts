import { defineChecks } from '../../src/sandbox/checks.ts'

const PROBLEM = { 'Content-Type': { includes: 'application/problem+json' } }
const TYPES = 'https://bookings.example/problems/'

const loginAda = {
  request: {
    method: 'POST',
    path: '/login',
    body: { email: 'ada@example.com', password: 'correct horse battery staple' },
  },
  expect: { status: 204 },
}
const loginGrace = {
  request: {
    method: 'POST',
    path: '/login',
    body: { email: 'grace@example.com', password: 'hunter2-but-longer' },
  },
  expect: { status: 204 },
}
const book = (hostId: string, startsAt: string, endsAt: string) => ({
  method: 'POST',
  path: '/bookings',
  body: { hostId, startsAt, endsAt, note: 'Booked by the capstone checks' },
})
const cancel = (step: string) => ({ method: 'DELETE', path: `/bookings/{{${step}.json.id}}` })
const LEFTOVER =
  ' If this answers 409 although your overlap check is right, an earlier run left a booking behind: press Reset data.'

export default defineChecks([
  {
    name: 'The health endpoints answer',
    hint: 'Given in app.ts: if this fails, the app itself does not start.',
    request: { method: 'GET', path: '/readyz' },
    expect: { status: 200, json: { status: 'ready' } },
  },
  {
    name: 'Logging in sets an HttpOnly session cookie, and /me knows who you are',
    hint: 'Given in auth.ts (topic 5).',
    steps: [
      {
        request: loginAda.request,
        expect: { status: 204, cookies: { session: { httpOnly: true, sameSite: 'Lax', path: '/' } } },
      },
      { request: { method: 'GET', path: '/me' }, expect: { status: 200, jsonIncludes: { id: 'u1' } } },
    ],
  },
  {
    name: 'Without a session, bookings answer a 401 problem',
    hint: 'requireUser (auth.ts) guards /bookings: keep it in front of every bookings route.',
    request: { method: 'GET', path: '/bookings' },
    expect: { status: 401, headers: PROBLEM, jsonIncludes: { status: 401 } },
  },
  {
    name: 'A bad body gets a 400 problem that points at the field',
    hint: 'Describe the body with a zod schema and pass zValidator("json", schema, hook) a hook that answers problem(c, { type, title, status: 400, errors }) with one { pointer: "#/field", detail } per issue. For "endsAt after startsAt", .refine(…, { path: ["endsAt"] }) on the object.',
    steps: [
      loginAda,
      {
        request: {
          method: 'POST',
          path: '/bookings',
          body: { hostId: 'u3', startsAt: 'tomorrow at ten', endsAt: '2027-03-01T11:00:00Z' },
        },
        expect: {
          status: 400,
          headers: PROBLEM,
          jsonIncludes: {
            type: `${TYPES}invalid-booking`,
            status: 400,
            errors: { $contains: { pointer: '#/startsAt' } },
          },
        },
      },
      {
        request: book('u3', '2027-03-01T11:00:00Z', '2027-03-01T10:00:00Z'),
        expect: {
          status: 400,
          headers: PROBLEM,
          jsonIncludes: { errors: { $contains: { pointer: '#/endsAt' } } },
        },
      },
      {
        request: {
          method: 'POST',
          path: '/bookings',
          headers: { 'Content-Type': 'application/json' },
          body: '{"hostId":',
        },
        expect: { status: 400, headers: PROBLEM },
      },
    ],
  },
  {
    name: 'A booking that overlaps either person’s time answers 409; one that only touches it is fine',
    hint:
      'Before inserting, look for a booking that has either person as its owner or its host, with starts_at < new end AND ends_at > new start, in the same transaction as the INSERT (db.transaction). No match: insert and answer 201 with Location.' +
      LEFTOVER,
    steps: [
      loginAda,
      {
        id: 'first',
        request: book('u3', '2027-03-01T10:00:00Z', '2027-03-01T11:00:00Z'),
        expect: {
          status: 201,
          headers: { Location: { matches: '^/bookings/[^/]+$' } },
          jsonIncludes: { ownerId: 'u1', hostId: 'u3' },
        },
      },
      {
        request: { method: 'GET', path: '/bookings/{{first.json.id}}' },
        expect: { status: 200, jsonIncludes: { id: '{{first.json.id}}' } },
      },
      {
        request: book('u3', '2027-03-01T10:30:00Z', '2027-03-01T11:30:00Z'),
        expect: {
          status: 409,
          headers: PROBLEM,
          jsonIncludes: { type: `${TYPES}booking-conflict`, status: 409 },
        },
      },
      // Ada is busy too, not only Linus: booking Grace at the same time is a double booking.
      {
        request: book('u2', '2027-03-01T10:30:00Z', '2027-03-01T11:30:00Z'),
        expect: { status: 409, headers: PROBLEM, jsonIncludes: { type: `${TYPES}booking-conflict` } },
      },
      {
        id: 'next',
        request: book('u3', '2027-03-01T11:00:00Z', '2027-03-01T12:00:00Z'),
        expect: { status: 201 },
      },
      { request: cancel('next'), expect: { status: 204 } },
      // Whichever side she is on: Grace booking Ada over Ada's booking with Linus is refused.
      loginGrace,
      {
        request: book('u1', '2027-03-01T10:15:00Z', '2027-03-01T10:45:00Z'),
        expect: { status: 409, headers: PROBLEM, jsonIncludes: { type: `${TYPES}booking-conflict` } },
      },
      loginAda,
      { request: cancel('first'), expect: { status: 204 } },
    ],
  },
  {
    name: 'Someone else’s booking is not visible; the host may see but not cancel',
    hint: 'Add AND (owner_id = $2 OR host_id = $2) to the lookups, answer 404 when nothing matches, and 403 when the user is only the host of the booking they try to cancel.',
    steps: [
      loginAda,
      // b4 is Grace's booking with Linus: nothing to do with Ada.
      { request: { method: 'GET', path: '/bookings/b4' }, expect: { status: 404, headers: PROBLEM } },
      { request: { method: 'DELETE', path: '/bookings/b4' }, expect: { status: 404, headers: PROBLEM } },
      // b3 is Grace's booking with Ada as the host.
      {
        request: { method: 'GET', path: '/bookings/b3' },
        expect: { status: 200, jsonIncludes: { id: 'b3', hostId: 'u1' } },
      },
      { request: { method: 'DELETE', path: '/bookings/b3' }, expect: { status: 403, headers: PROBLEM } },
      loginGrace,
      {
        request: { method: 'GET', path: '/bookings/b4' },
        expect: { status: 200, jsonIncludes: { id: 'b4' } },
      },
    ],
  },
  {
    name: 'GET /bookings lists only yours, a page at a time, with a cursor',
    hint: 'Filter with (owner_id = $1 OR host_id = $1), order by starts_at, id, fetch limit + 1 rows to know whether there is a next page, and make nextCursor from the last row of the page. Validate limit (1–50) like the body.',
    steps: [
      loginAda,
      {
        id: 'p1',
        request: { method: 'GET', path: '/bookings?limit=2' },
        expect: {
          status: 200,
          jsonIncludes: { items: [{ id: 'b1' }, { id: 'b2' }], nextCursor: { $type: 'string' } },
        },
      },
      {
        request: { method: 'GET', path: '/bookings?limit=2&cursor={{p1.json.nextCursor}}' },
        expect: { status: 200, jsonIncludes: { items: { $contains: { id: 'b3' } } } },
      },
      { request: { method: 'GET', path: '/bookings?limit=500' }, expect: { status: 400, headers: PROBLEM } },
    ],
  },
  {
    name: 'Busy times are cached, and a booking invalidates them',
    hint:
      'Keep a TtlCache keyed by person id: get() first (X-Cache: HIT), else query, set() and answer X-Cache: MISS. After a booking is made or cancelled, delete() the entries of its owner and host.' +
      LEFTOVER,
    steps: [
      loginAda,
      {
        id: 'made',
        request: book('u3', '2027-03-02T10:00:00Z', '2027-03-02T11:00:00Z'),
        expect: { status: 201 },
      },
      {
        request: { method: 'GET', path: '/people/u3/busy' },
        expect: {
          status: 200,
          headers: { 'X-Cache': 'MISS' },
          jsonIncludes: { $contains: { startsAt: '2027-03-02T10:00:00.000Z' } },
        },
      },
      {
        request: { method: 'GET', path: '/people/u3/busy' },
        expect: { status: 200, headers: { 'X-Cache': 'HIT' } },
      },
      { request: cancel('made'), expect: { status: 204 } },
      {
        request: { method: 'GET', path: '/people/u3/busy' },
        expect: { status: 200, headers: { 'X-Cache': 'MISS' } },
      },
    ],
  },
])
