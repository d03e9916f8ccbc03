import { zValidator } from '@hono/zod-validator'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { requireUser, type AuthEnv } from './auth.ts'
import { db } from './db.ts'
import { PROBLEM_TYPES, problem } from './problem.ts'
import { TtlCache } from './ttl-cache.ts'

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

const HOURS = 3600_000
const NewBooking = z
  .object({
    hostId: z.string().min(1),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(500).default(''),
  })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
  })
  .refine((b) => Date.parse(b.endsAt) - Date.parse(b.startsAt) <= 8 * HOURS, {
    path: ['endsAt'],
    message: 'a booking lasts at most 8 hours',
  })

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().optional(),
})

type Pointer = { pointer: string; detail: string }
const invalid = (c: Context, errors: Pointer[]) =>
  problem(c, { type: `${PROBLEM_TYPES}invalid-booking`, title: 'Invalid booking', status: 400, errors })
const notFound = (c: Context) =>
  problem(c, { type: `${PROBLEM_TYPES}booking-not-found`, title: 'Booking not found', status: 404 })

// Opaque cursors: base64url of [startsAt, id], the last row of the page (topic 9).
const encodeCursor = (row: Row) =>
  btoa(JSON.stringify([row.starts_at.toISOString(), row.id]))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string]
  } catch {
    // not one of ours
  }
  return undefined
}

// Busy times per person: public within the app (no notes, no names), read often, changed by
// bookings. Cached for 30 s and deleted on every write that touches that person.
const busyTimes = new TtlCache<{ startsAt: string; endsAt: string }[]>(30_000)

export const bookings = new Hono<AuthEnv>()
bookings.use('/bookings/*', requireUser)
bookings.use('/bookings', requireUser)
bookings.use('/people/*', requireUser)

// Mine: the bookings I made or am the host of, in time order, one page at a time.
bookings.get(
  '/bookings',
  zValidator('query', PageQuery, (result, c) => {
    if (!result.success)
      return invalid(
        c,
        result.error.issues.map((i) => ({ pointer: `#/${i.path.join('/')}`, detail: i.message })),
      )
  }),
  async (c) => {
    const me = c.get('user')
    const { limit, cursor } = c.req.valid('query')
    const after = cursor === undefined ? ['-infinity', ''] : decodeCursor(cursor)
    if (!after) return invalid(c, [{ pointer: '#/cursor', detail: 'not a cursor this API issued' }])
    const { rows } = await db.query<Row>(
      `SELECT * FROM bookings
        WHERE (owner_id = $1 OR host_id = $1) AND (starts_at, id) > ($2::timestamptz, $3)
        ORDER BY starts_at, id LIMIT $4`,
      [me.id, after[0], after[1], limit + 1], // one extra row says whether there is a next page
    )
    const page = rows.slice(0, limit)
    const nextCursor = rows.length > limit ? encodeCursor(page.at(-1)!) : null
    return c.json({ items: page.map(toBooking), nextCursor })
  },
)

// Someone else's booking answers 404, exactly like one that does not exist: its id says nothing.
bookings.get('/bookings/:id', async (c) => {
  const me = c.get('user')
  const { rows } = await db.query<Row>(
    'SELECT * FROM bookings WHERE id = $1 AND (owner_id = $2 OR host_id = $2)',
    [c.req.param('id'), me.id],
  )
  return rows[0] ? c.json(toBooking(rows[0])) : notFound(c)
})

bookings.post(
  '/bookings',
  zValidator('json', NewBooking, (result, c) => {
    if (!result.success)
      return invalid(
        c,
        result.error.issues.map((i) => ({ pointer: `#/${i.path.join('/')}`, detail: i.message })),
      )
  }),
  async (c) => {
    const me = c.get('user')
    const input = c.req.valid('json')
    if (input.hostId === me.id)
      return invalid(c, [{ pointer: '#/hostId', detail: 'you cannot book yourself' }])
    const host = await db.query('SELECT 1 FROM users WHERE id = $1', [input.hostId])
    if (host.rows.length === 0) return invalid(c, [{ pointer: '#/hostId', detail: 'no such person' }])

    // Check and insert in one transaction. [start, end) ranges overlap when each starts before
    // the other ends, and both people are busy whichever side of a booking they are on. With
    // many connections, an exclusion constraint over one row per person does this in the
    // database (the lesson shows it; PGlite in the browser has no btree_gist).
    const created = await db.transaction(async (tx) => {
      const clash = await tx.query(
        `SELECT 1 FROM bookings
          WHERE (host_id IN ($1, $2) OR owner_id IN ($1, $2)) AND starts_at < $4 AND ends_at > $3
          LIMIT 1`,
        [input.hostId, me.id, input.startsAt, input.endsAt],
      )
      if (clash.rows.length > 0) return undefined
      const { rows } = await tx.query<Row>(
        `INSERT INTO bookings (owner_id, host_id, starts_at, ends_at, note)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [me.id, input.hostId, input.startsAt, input.endsAt, input.note],
      )
      return rows[0]
    })
    if (!created) {
      return problem(c, {
        type: `${PROBLEM_TYPES}booking-conflict`,
        title: 'That time is already booked',
        status: 409,
        detail: 'You or the person you are booking already have a booking that overlaps this time.',
      })
    }
    busyTimes.delete(created.host_id)
    busyTimes.delete(created.owner_id)
    return c.json(toBooking(created), 201, { Location: `/bookings/${created.id}` })
  },
)

// Only the person who made a booking may cancel it; the host sees it (403), others do not (404).
bookings.delete('/bookings/:id', async (c) => {
  const me = c.get('user')
  const { rows } = await db.query<Row>(
    'SELECT * FROM bookings WHERE id = $1 AND (owner_id = $2 OR host_id = $2)',
    [c.req.param('id'), me.id],
  )
  const booking = rows[0]
  if (!booking) return notFound(c)
  if (booking.owner_id !== me.id) {
    return problem(c, {
      type: `${PROBLEM_TYPES}not-your-booking`,
      title: 'Only the person who made a booking can cancel it',
      status: 403,
    })
  }
  await db.query('DELETE FROM bookings WHERE id = $1', [booking.id])
  busyTimes.delete(booking.host_id)
  busyTimes.delete(booking.owner_id)
  return c.body(null, 204)
})

// When someone is busy, without what or with whom: enough to pick a free time.
bookings.get('/people/:id/busy', async (c) => {
  const id = c.req.param('id')
  const cached = busyTimes.get(id)
  if (cached) return c.json(cached, 200, { 'X-Cache': 'HIT' })
  const { rows } = await db.query<Row>(
    'SELECT starts_at, ends_at FROM bookings WHERE (owner_id = $1 OR host_id = $1) AND ends_at > now() ORDER BY starts_at',
    [id],
  )
  const busy = rows.map((row) => ({
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
  }))
  busyTimes.set(id, busy)
  return c.json(busy, 200, { 'X-Cache': 'MISS' })
})
