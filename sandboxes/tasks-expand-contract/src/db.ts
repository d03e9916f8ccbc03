import { PGlite } from '@electric-sql/pglite'

// PGlite is the real Postgres, compiled to WebAssembly. PGDATA (Postgres's own name for it)
// says where its files live, and whoever runs the app sets it and creates the tables first:
// - the course's browser runtime: this sandbox's database, kept in your browser;
// - under Node (`npm run dev`, tests): unset, so the database lives in memory.
// With a Postgres server instead, only this file changes:
//   new pg.Pool({ connectionString: process.env.DATABASE_URL })
export const db = new PGlite(process.env.PGDATA)
