-- Sample rows, inserted after db/schema.sql.
INSERT INTO tasks (title, done) VALUES
  ('Read what a database is for', true),
  ('Write a SELECT with a WHERE clause', false),
  ('Insert a row with POST /tasks', false);
