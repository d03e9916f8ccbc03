import { PGlite } from '@electric-sql/pglite'

// PGlite is the real Postgres, compiled to WebAssembly, in this process. PGDATA says where its
// files live: in the course's browser runtime, this sandbox's database in your browser; under
// Node (`npm run dev`, tests), unset, so the database lives in memory.
export const db = new PGlite(process.env.PGDATA)

// A production database is a network hop away and shared with other traffic: the same query
// takes milliseconds more than here, in-process. This stand-in adds 40 ms so the numbers you
// measure look like a real service's. Everything else about the query is real.
export async function slowQuery<T>(sql: string, params: unknown[]): Promise<T[]> {
  await new Promise((resolve) => setTimeout(resolve, 40))
  const { rows } = await db.query<T>(sql, params)
  return rows
}
