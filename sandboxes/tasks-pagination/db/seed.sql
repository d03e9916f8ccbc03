INSERT INTO users (id, name, email, role) VALUES
  ('u1', 'Ada Lovelace', 'ada@example.com', 'admin'),
  ('u2', 'Grace Hopper', 'grace@example.com', 'member'),
  ('u3', 'Linus Pauling', 'linus@example.com', 'member');

INSERT INTO projects (id, name, owner_id, budget_hours) VALUES
  ('p1', 'Launch', 'u1', 40),
  ('p2', 'Docs', 'u2', 10),
  ('p3', 'Archive', 'u1', 0);

-- 20,000 tasks, one a minute from 2026-01-01, spread over three projects (most in p3).
INSERT INTO tasks (id, project_id, title, done, assignee_id, created_at)
SELECT 't' || n,
       CASE WHEN n % 10 = 0 THEN 'p1' WHEN n % 10 = 1 THEN 'p2' ELSE 'p3' END,
       'Task number ' || n,
       n % 3 = 0,
       CASE n % 4 WHEN 0 THEN 'u1' WHEN 1 THEN 'u2' WHEN 2 THEN 'u3' END,
       timestamptz '2026-01-01 00:00:00+00' + n * interval '1 minute'
FROM generate_series(1, 20000) AS n;

ANALYZE;
