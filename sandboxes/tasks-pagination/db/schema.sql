-- The tasks app's tables (content/lessons/DOMAIN.md). Run on a new database, and by Reset data.
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

-- No index on tasks(project_id, …) yet: the lesson has you add one and compare the plans.
