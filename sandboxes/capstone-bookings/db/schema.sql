-- The bookings app: people (users) book time with each other. Run on a new database and by
-- Reset data. Times are timestamptz, and a booking is the half-open range [starts_at, ends_at):
-- one that ends at 11:00 and one that starts at 11:00 do not overlap.
CREATE TABLE users (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  email         text NOT NULL UNIQUE,
  password_hash text -- NULL: can be booked, cannot log in
);

CREATE TABLE sessions (
  id         text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

CREATE SEQUENCE booking_numbers START 100;

CREATE TABLE bookings (
  id         text PRIMARY KEY DEFAULT 'b' || nextval('booking_numbers'),
  owner_id   text NOT NULL REFERENCES users(id),
  host_id    text NOT NULL REFERENCES users(id),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (owner_id <> host_id)
);

-- Listing "my bookings" in time order, and finding a person's bookings around a time.
CREATE INDEX bookings_owner_time ON bookings (owner_id, starts_at, id);
CREATE INDEX bookings_host_time ON bookings (host_id, starts_at, id);
