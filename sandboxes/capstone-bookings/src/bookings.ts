import { Hono } from 'hono'
import { requireUser, type AuthEnv } from './auth.ts'
import { db } from './db.ts'

// The capstone. This file works, in the way a first draft works: every logged-in user sees
// every booking, anyone can cancel anything, any body is stored as it comes, two bookings can
// cover the same time, and the list has no end. Make it what the course taught:
//
// 1. Validate new bookings with zod and @hono/zod-validator (topic 8): hostId a string,
//    startsAt/endsAt ISO 8601 date-times with an offset, endsAt after startsAt, at most 8 hours,
//    an optional note of up to 500 characters; not yourself, and a person who exists.
//    Invalid bodies answer a 400 Problem Details (topic 9) with errors: [{ pointer, detail }].
// 2. Refuse a booking that overlaps any booking of yours or of the host's, whichever side
//    (owner or host) either of you is on there: 409 Problem Details. Half-open ranges: one
//    ending at 11:00 and one starting at 11:00 do not overlap. (topic 4)
// 3. Only show bookings you made or host: anything else is 404, as if it did not exist; only
//    the person who made a booking may cancel it (the host gets 403). (topic 5)
// 4. Page GET /bookings with ?limit= (1–50, default 10) and an opaque ?cursor=, answering
//    { items, nextCursor }, in (startsAt, id) order. (topics 4 and 9)
// 5. Cache GET /people/:id/busy for 30 s with TtlCache (src/ttl-cache.ts), say X-Cache: HIT or
//    MISS, and delete the entries of both people whenever a booking is made or cancelled. (topic 6)
// problem() and PROBLEM_TYPES are in src/problem.ts.
interface Row {
  id: string
  owner_id: string
  host_id: string
  starts_at: Date
  ends_at: Date
  note: string
}

const toBooking = (row: Row) => ({
  id: row.id,
  ownerId: row.owner_id,
  hostId: row.host_id,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  note: row.note,
})

export const bookings = new Hono<AuthEnv>()
bookings.use('/bookings/*', requireUser)
bookings.use('/bookings', requireUser)
bookings.use('/people/*', requireUser)

bookings.get('/bookings', async (c) => {
  const { rows } = await db.query<Row>('SELECT * FROM bookings ORDER BY starts_at, id')
  return c.json({ items: rows.map(toBooking), nextCursor: null })
})

bookings.get('/bookings/:id', async (c) => {
  const { rows } = await db.query<Row>('SELECT * FROM bookings WHERE id = $1', [c.req.param('id')])
  return rows[0] ? c.json(toBooking(rows[0])) : c.json({ error: 'Booking not found' }, 404)
})

bookings.post('/bookings', async (c) => {
  const me = c.get('user')
  const input = (await c.req.json()) as { hostId: string; startsAt: string; endsAt: string; note?: string }
  const { rows } = await db.query<Row>(
    `INSERT INTO bookings (owner_id, host_id, starts_at, ends_at, note)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [me.id, input.hostId, input.startsAt, input.endsAt, input.note ?? ''],
  )
  const created = rows[0]!
  return c.json(toBooking(created), 201, { Location: `/bookings/${created.id}` })
})

bookings.delete('/bookings/:id', async (c) => {
  await db.query('DELETE FROM bookings WHERE id = $1', [c.req.param('id')])
  return c.body(null, 204)
})

bookings.get('/people/:id/busy', async (c) => {
  const { rows } = await db.query<Row>(
    'SELECT starts_at, ends_at FROM bookings WHERE (owner_id = $1 OR host_id = $1) AND ends_at > now() ORDER BY starts_at',
    [c.req.param('id')],
  )
  return c.json(
    rows.map((row) => ({ startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() })),
  )
})
