-- The course's people (content/lessons/DOMAIN.md). Passwords: Ada "correct horse battery
-- staple", Grace "hunter2-but-longer"; stored as PBKDF2 hashes only. Linus has none.
INSERT INTO users (id, name, email, password_hash) VALUES
  ('u1', 'Ada Lovelace', 'ada@example.com',
   'pbkdf2-sha512$210000$pbq3XN5EDM6s78qlpjVFEg==$K+EWdCtzEYayPw3cyDW4S5B4x7VYS7aueDYIBE8aJcE='),
  ('u2', 'Grace Hopper', 'grace@example.com',
   'pbkdf2-sha512$210000$MkiPEPg51ngdG2kE18DhyA==$QYU/JRC5GrR/tpF/Se3zbj+Fp6kEwZ+45cY3dKhwwE8='),
  ('u3', 'Linus Pauling', 'linus@example.com', NULL);

INSERT INTO bookings (id, owner_id, host_id, starts_at, ends_at, note) VALUES
  ('b1', 'u1', 'u2', '2026-12-07T09:00:00Z', '2026-12-07T09:30:00Z', 'Launch plan review'),
  ('b2', 'u1', 'u3', '2026-12-08T14:00:00Z', '2026-12-08T15:00:00Z', 'Chemistry of the venue'),
  ('b3', 'u2', 'u1', '2026-12-09T10:00:00Z', '2026-12-09T10:45:00Z', 'API guide questions'),
  ('b4', 'u2', 'u3', '2026-12-10T16:00:00Z', '2026-12-10T17:00:00Z', 'Private: Grace and Linus only');
