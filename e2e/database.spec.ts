/**
 * A sandbox with a real Postgres (PGlite, sandboxes/tasks-db) in Chromium, offline, against the
 * production server: the app answers from the database, the data survives a reload and a
 * runaway-loop restart, checks get a freshly seeded database, and in the sandbox UI the Data
 * panel shows tables, rows and Postgres errors at their position, Reset data re-seeds while the
 * code stays, Reset (code) keeps the data.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test'
import { SandboxPage } from './fixtures/sandbox-ui/sandbox-page.ts'

// The first Run creates the database (Postgres compiled, initdb): seconds, or a minute on a
// machine shared by many browsers. No assertion here is about speed (bench:database measures it).
const expect = baseExpect.configure({ timeout: 150_000 })
test.describe.configure({ timeout: 400_000 })

let consoleErrors: string[] = []
test.beforeEach(({ page }) => {
  consoleErrors = []
  page.on('console', (m) => {
    // Only the course page's own: learner code logs in the sandbox origin's workers.
    if (m.type() === 'error' && new URL(m.location().url || page.url()).origin === new URL(page.url()).origin)
      consoleErrors.push(m.text())
  })
})
test.afterEach(() => {
  expect(consoleErrors, 'console errors on the page').toEqual([])
})

async function open(page: Page, query = '') {
  await page.goto(`/test/runtime/tasks-db/${query}`)
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
}

function titles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const res = await window.__runtimeTest.request('GET', '/tasks')
    return (JSON.parse(res.body) as { title: string }[]).map((t) => t.title)
  })
}

const SEEDED = ['Write the launch plan', 'Book the venue', 'Draft the API guide', 'Review the glossary']

test('tasks-db answers from Postgres; its data survives a reload and a runaway-loop restart; checks get a fresh database', async ({
  page,
}) => {
  await open(page)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  expect(await titles(page)).toEqual(SEEDED)
  const created = await page.evaluate(() =>
    window.__runtimeTest.request('POST', '/tasks', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: "it's kept" }),
    }),
  )
  expect(created.status).toBe(201)

  await page.reload()
  await page.waitForFunction(() => window.__runtimeTest !== undefined)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  expect(await titles(page)).toEqual([...SEEDED, "it's kept"])

  // A handler stuck in a loop: the app worker is stopped and restarted, the database is not.
  const files = await page.evaluate(() => window.__runtimeTest.data.files)
  const spinning = {
    ...files,
    'src/app.ts': files['src/app.ts']!.replace(
      'const app = new Hono()',
      "const app = new Hono()\napp.get('/spin', () => {\n  while (true) {}\n})",
    ),
  }
  expect(await page.evaluate((f) => window.__runtimeTest.run(f), spinning)).toBeNull()
  const spin = await page.evaluate(() => window.__runtimeTest.request('GET', '/spin'))
  expect(spin).toMatchObject({ status: 504, runtimeError: true })
  await expect.poll(() => page.evaluate(() => window.__runtimeTest.runtime.status.state)).toBe('running')
  expect(await titles(page)).toEqual([...SEEDED, "it's kept"])

  // Checks run on a freshly seeded database; the learner's own comes back afterwards.
  expect(await page.evaluate(() => window.__runtimeTest.run(undefined, { freshDatabase: true }))).toBeNull()
  expect(await titles(page)).toEqual(SEEDED)
  expect(await page.evaluate(() => window.__runtimeTest.run())).toBeNull()
  expect(await titles(page)).toEqual([...SEEDED, "it's kept"])

  // A statement that never ends restarts the database, keeps the data, and says why.
  const stuck = page.evaluate(() =>
    window.__runtimeTest.db({
      method: 'sql',
      sql: 'SELECT count(*) FROM generate_series(1, 1e12)',
      limit: 10,
    }),
  )
  await expect(stuck).rejects.toThrow(/ran longer than \d+ s.*restarted/)
  await expect.poll(() => page.evaluate(() => window.__runtimeTest.runtime.status.state)).toBe('running')
  expect(await titles(page)).toEqual([...SEEDED, "it's kept"])
})

test('Data panel: tables, rows and a Postgres error at its position; Reset data re-seeds and keeps the code; Reset code keeps the data', async ({
  page,
}) => {
  await page.goto('/test/sandbox/tasks-db/')
  const sandbox = await new SandboxPage(page, 'tasks-db').ready()
  await sandbox.button('run').click()
  await expect(sandbox.status).toHaveText('200 OK')

  // Add a row through the app, and edit the code.
  await sandbox.root.getByLabel('Method').selectOption('POST')
  await sandbox.root.locator('[data-body-fold] summary').click()
  await sandbox.root.getByLabel('Request body').fill('{"title":"Learner row"}')
  await sandbox.button('send').click()
  await expect(sandbox.status).toHaveText('201 Created')
  await sandbox.typeAtEnd('\n// my note')
  const edited = await sandbox.code('src/app.ts')
  expect(edited).toContain('// my note')

  await sandbox.outputTab('data').click()
  const data = sandbox.root.locator('[data-panel="data"]')
  await expect(data.locator('[data-data-summary]')).toHaveText('3 tables')
  await data.getByLabel('Table to browse').selectOption({ label: 'tasks' })
  await expect(data.locator('.sbx-data-table tbody tr')).toHaveCount(5)
  await expect(data.locator('.sbx-data-table')).toContainText('Learner row')

  await data.locator('[data-data-sql]').fill('SELECT id,\n  titel\nFROM tasks')
  await data.getByRole('button', { name: 'Run SQL' }).click()
  await expect(data.locator('.sbx-data-error-title')).toContainText(
    'ERROR 42703: column "titel" does not exist',
  )
  await expect(data.locator('.sbx-data-error-title')).toContainText('(line 2, column 3)')
  await expect(data.locator('.sbx-data-pointer')).toHaveText('  titel\n  ^')

  await data.locator('[data-data-sql]').fill('SELECT title FROM tasks WHERE done')
  await data.locator('[data-data-sql]').press('ControlOrMeta+Enter')
  await expect(data.locator('[data-data-status]')).toContainText('1 row')

  // Reset data: confirmed, then the seed rows only, and the code is untouched.
  await sandbox.button('data-reset').click()
  await sandbox.root.locator('[data-notice]').getByRole('button', { name: 'Reset data' }).click()
  await expect(data.locator('[data-data-status]')).toHaveText(
    'Data reset from db/schema.sql and db/seed.sql.',
  )
  await expect(data.getByLabel('Table to browse').locator('option:checked')).toHaveText('tasks')
  await expect(data.locator('.sbx-data-table tbody tr')).toHaveCount(4)
  expect(await sandbox.code('src/app.ts')).toBe(edited)

  // Add a row again, then Reset the code: the row stays.
  await data
    .locator('[data-data-sql]')
    .fill("INSERT INTO tasks (project_id, title) VALUES ('p1', 'Kept through Reset')")
  await data.getByRole('button', { name: 'Run SQL' }).click()
  await expect(data.locator('[data-data-status]')).toContainText('INSERT: 1 row')
  await sandbox.button('reset').click()
  expect(await sandbox.code('src/app.ts')).not.toContain('// my note')
  await sandbox.button('data-refresh').click()
  await expect(data.locator('.sbx-data-table')).toContainText('Kept through Reset')
})
