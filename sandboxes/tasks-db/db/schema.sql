-- The tables of this app. The runtime runs this file on a new database, and again (after
-- dropping everything) when you press Reset data.
CREATE TABLE tasks (
  id         serial PRIMARY KEY,
  title      text NOT NULL CHECK (length(trim(title)) > 0),
  done       boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
