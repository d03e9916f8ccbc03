import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { DROP_EVERYTHING_SQL } from './database.ts'
import { DatabaseTemplate } from './db-node.ts'

const setup = {
  schema: 'CREATE TABLE tasks (id text PRIMARY KEY, title text NOT NULL);',
  seed: "INSERT INTO tasks VALUES ('t1', 'Write the launch plan'), ('t2', 'Book the venue');",
}

const open: PGlite[] = []
let template: DatabaseTemplate | undefined
afterAll(async () => {
  for (const db of open) await db.close()
  template?.dispose()
})

describe('databases for checks and Reset data (real PGlite)', () => {
  it('gives every check run its own freshly seeded copy', async () => {
    template = await DatabaseTemplate.create(setup)
    const first = new PGlite(template.fresh())
    open.push(first)
    await first.exec("INSERT INTO tasks VALUES ('t3', 'Written by an earlier run')")
    expect((await first.query('SELECT id FROM tasks')).rows).toHaveLength(3)

    const second = new PGlite(template.fresh())
    open.push(second)
    expect(
      (await second.query<{ id: string }>('SELECT id FROM tasks ORDER BY id')).rows.map((r) => r.id),
    ).toEqual(['t1', 't2'])

    // Reset data: everything the learner made goes, the schema and seed come back, in one transaction.
    await first.exec('CREATE TABLE scratch (n int); CREATE SCHEMA extra; CREATE TABLE extra.t (n int);')
    await first.transaction(async (tx) => {
      await tx.exec(DROP_EVERYTHING_SQL)
      await tx.exec(setup.schema)
      await tx.exec(setup.seed)
    })
    const tables = await first.query<{ name: string }>(
      "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    )
    expect(tables.rows.map((r) => r.name)).toEqual(['public.tasks'])
    expect((await first.query('SELECT id FROM tasks')).rows).toHaveLength(2)
  }, 180_000)

  it('names the file, line and column of a broken schema', async () => {
    await expect(
      DatabaseTemplate.create({ schema: 'CREATE TABLE ok (n int);\nCREATE TABEL broken (n int);', seed: '' }),
    ).rejects.toThrow(/^db\/schema\.sql:2:8: syntax error at or near "TABEL"/)
  }, 180_000)
})
