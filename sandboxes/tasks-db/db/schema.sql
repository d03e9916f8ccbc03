-- The tables of the course's tasks app (content/lessons/DOMAIN.md). The runtime runs this file
-- on a new database, and again, after dropping everything, when you press Reset data.
CREATE TABLE users (
  id    text PRIMARY KEY,
  name  text NOT NULL,
  email text NOT NULL UNIQUE,
  role  text NOT NULL CHECK (role IN ('member', 'admin'))
);

CREATE TABLE projects (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  owner_id     text NOT NULL REFERENCES users (id),
  budget_hours integer NOT NULL CHECK (budget_hours >= 0)
);

-- New tasks get t5, t6…: the seed below takes t1–t4.
CREATE SEQUENCE task_numbers START 5;

CREATE TABLE tasks (
  id          text PRIMARY KEY DEFAULT 't' || nextval('task_numbers'),
  project_id  text NOT NULL REFERENCES projects (id),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  done        boolean NOT NULL DEFAULT false,
  assignee_id text REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
