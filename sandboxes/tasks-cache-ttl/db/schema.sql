-- The tasks app's tables (content/lessons/DOMAIN.md). Run on a new database and by Reset data.
CREATE TABLE projects (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  owner_id     text NOT NULL,
  budget_hours integer NOT NULL DEFAULT 0 CHECK (budget_hours >= 0)
);

CREATE TABLE tasks (
  id          text PRIMARY KEY,
  project_id  text NOT NULL REFERENCES projects(id),
  title       text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  done        boolean NOT NULL DEFAULT false,
  assignee_id text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
