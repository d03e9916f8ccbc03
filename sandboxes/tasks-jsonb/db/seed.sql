INSERT INTO users (id, name, email, role) VALUES
  ('u1', 'Ada Lovelace', 'ada@example.com', 'admin'),
  ('u2', 'Grace Hopper', 'grace@example.com', 'member'),
  ('u3', 'Linus Pauling', 'linus@example.com', 'member');

INSERT INTO projects (id, name, owner_id, budget_hours) VALUES
  ('p1', 'Launch', 'u1', 40),
  ('p2', 'Docs', 'u2', 10);

INSERT INTO tasks (id, project_id, title, done, assignee_id, created_at) VALUES
  ('t1', 'p1', 'Write the launch plan', true, 'u1', '2026-11-02T09:00:00Z'),
  ('t2', 'p1', 'Book the venue', false, 'u2', '2026-11-03T10:30:00Z'),
  ('t3', 'p2', 'Draft the API guide', false, 'u2', '2026-11-04T14:15:00Z'),
  ('t4', 'p2', 'Review the glossary', false, NULL, '2026-11-05T08:45:00Z');

UPDATE tasks SET details = '{"labels": ["venue", "urgent"], "checklist": [{"item": "Call three venues", "done": true}, {"item": "Sign the contract", "done": false}]}' WHERE id = 't2';
UPDATE tasks SET details = '{"labels": ["writing"], "links": ["https://hono.dev/docs/"]}' WHERE id = 't3';
UPDATE tasks SET details = '{"labels": ["writing", "urgent"]}' WHERE id = 't4';
