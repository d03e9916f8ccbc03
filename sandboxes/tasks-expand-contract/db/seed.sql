INSERT INTO users (id, name, email, role) VALUES
  ('u1', 'Ada Lovelace', 'ada@example.com', 'admin'),
  ('u2', 'Grace Hopper', 'grace@example.com', 'member'),
  ('u3', 'Linus Pauling', 'linus@example.com', 'member');

INSERT INTO projects (id, name, owner_id, budget_hours) VALUES
  ('p1', 'Launch', 'u1', 40),
  ('p2', 'Docs', 'u2', 10);

-- t1–t3 were written by the old release, before status existed: no status yet.
-- t4 was written by this release as open, then an old instance (still running during the
-- rollout) marked it done without knowing about status: the two columns disagree.
-- t5 is being worked on: in_progress, not done. Both columns agree; leave it alone.
INSERT INTO tasks (id, project_id, title, done, status, assignee_id, created_at) VALUES
  ('t1', 'p1', 'Write the launch plan', true, NULL, 'u1', '2026-11-02T09:00:00Z'),
  ('t2', 'p1', 'Book the venue', false, NULL, 'u2', '2026-11-03T10:30:00Z'),
  ('t3', 'p2', 'Draft the API guide', false, NULL, 'u2', '2026-11-04T14:15:00Z'),
  ('t4', 'p2', 'Review the glossary', true, 'open', NULL, '2026-11-05T08:45:00Z'),
  ('t5', 'p1', 'Order the banners', false, 'in_progress', 'u3', '2026-11-06T16:00:00Z');
