import { PGlite } from '@electric-sql/pglite'

// PGlite is the real Postgres, compiled to WebAssembly, in this process. PGDATA says where its
// files live: in the course's browser runtime, this sandbox's database in your browser; under
// Node (`npm run dev`, tests), unset, so the database lives in memory.
export const db = new PGlite(process.env.PGDATA)
