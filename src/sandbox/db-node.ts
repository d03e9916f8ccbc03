/**
 * Fresh, seeded PGlite databases under Node for `npm run check:sandboxes` (and tests): a
 * sandbox's database is created once from db/schema.sql and db/seed.sql into a template folder,
 * and every check run gets its own copy of that folder as PGDATA, so no check sees what an
 * earlier one (or the learner) wrote, and no run pays for Postgres's initdb again.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { describeSqlError, locateSetupError, SCHEMA_FILE, SEED_FILE, type DatabaseSetup } from './database.ts'

export class DatabaseTemplate {
  readonly dir: string
  #root: string
  #copies = 0

  private constructor(root: string) {
    this.#root = root
    this.dir = join(root, 'template')
  }

  /** Creates the template; throws "db/schema.sql:3:8: …" when the setup SQL fails. */
  static async create(setup: DatabaseSetup): Promise<DatabaseTemplate> {
    const template = new DatabaseTemplate(mkdtempSync(join(tmpdir(), 'course-db-')))
    const db = new PGlite(template.dir)
    try {
      for (const [file, sql] of [
        [SCHEMA_FILE, setup.schema],
        [SEED_FILE, setup.seed],
      ] as const) {
        try {
          if (sql.trim()) await db.exec(sql)
        } catch (err) {
          throw new Error(describeSqlError(locateSetupError(err, file, sql)))
        }
      }
    } finally {
      await db.close()
    }
    return template
  }

  /** A new data dir holding the seeded database, for PGDATA. */
  fresh(): string {
    const dir = join(this.#root, `copy-${++this.#copies}`)
    cpSync(this.dir, dir, { recursive: true })
    return dir
  }

  dispose() {
    rmSync(this.#root, { recursive: true, force: true })
  }
}
