-- The tasks app's tables (content/lessons/DOMAIN.md), one release into an expand-and-contract
-- change: step 1 (expand) has run, so tasks has the new status column, nullable, next to done.
-- Run on a new database, and by Reset data.
CREATE TABLE users (
  id    text PRIMARY KEY,
  name  text NOT NULL,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  role  text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin'))
);

CREATE TABLE projects (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  owner_id     text NOT NULL REFERENCES users (id),
  budget_hours integer NOT NULL DEFAULT 0 CHECK (budget_hours >= 0)
);

CREATE TABLE tasks (
  id          text PRIMARY KEY,
  project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  done        boolean NOT NULL DEFAULT false,
  assignee_id text REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Step 1, expand: the new column, nullable, so the old release (which never names it) keeps working.
ALTER TABLE tasks ADD COLUMN status text CHECK (status IN ('open', 'in_progress', 'done'));

-- New task ids t6, t7, … come from a sequence, so two inserts at once never get the same id.
CREATE SEQUENCE task_number START 6;
ALTER TABLE tasks ALTER COLUMN id SET DEFAULT 't' || nextval('task_number');
