/**
 * `npm run new:sandbox`: a new runnable Hono project under sandboxes/ that
 * `npm run check:sandboxes` accepts: sandbox.json, package.json (the course's own versions of
 * hono, @hono/node-server, tsx and vitest), src/app.ts (`export default app`) and src/server.ts;
 * with --exercise also checks.ts and solution/, the starter failing a check and the solution
 * passing them all. Asks for what is missing in a terminal; non-interactive:
 *
 *   npm run new:sandbox -- --name caching-headers --title "Cache-Control on static files" [--exercise]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { SANDBOX_ROOT } from '../src/course/sandbox-loader.ts'
import { ask, KEBAB, readFlags, runScaffold, ScaffoldError } from './scaffold/cli.ts'
import { sandboxFiles } from './scaffold/sandbox-template.ts'

await runScaffold(async () => {
  const flags = readFlags(process.argv.slice(2), ['name', 'title', 'runtimes'], ['exercise'])
  const answers = await ask(
    [
      {
        flag: 'name',
        label: 'Folder name, kebab-case (e.g. caching-headers)',
        check: (v) =>
          !KEBAB.test(v)
            ? 'must be kebab-case, e.g. caching-headers'
            : existsSync(join(SANDBOX_ROOT, v))
              ? `${SANDBOX_ROOT}/${v} already exists`
              : undefined,
      },
      {
        flag: 'title',
        label: 'Title shown above the editor',
        check: (v) => (v.length >= 3 ? undefined : 'must be at least 3 characters'),
      },
      {
        flag: 'runtimes',
        label: 'Runtimes (worker, webcontainer)',
        fallback: 'worker,webcontainer',
        check: (v) =>
          v.split(',').every((r) => ['worker', 'webcontainer'].includes(r.trim()))
            ? undefined
            : 'a comma-separated list of worker and webcontainer',
      },
    ],
    flags,
  )
  const root = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies?: Record<string, string>
    devDependencies?: Record<string, string>
  }
  const version = (name: string) => {
    const v = root.dependencies?.[name] ?? root.devDependencies?.[name]
    if (!v)
      throw new ScaffoldError(
        `the course's package.json has no ${name}: run this from the course's root folder`,
      )
    return v
  }
  const dir = join(SANDBOX_ROOT, answers.name!)
  const files = sandboxFiles({
    name: answers.name!,
    title: answers.title!,
    runtimes: answers.runtimes!.split(',').map((r) => r.trim()),
    exercise: flags.exercise === true,
    versions: Object.fromEntries(['hono', '@hono/node-server', 'tsx', 'vitest'].map((n) => [n, version(n)])),
  })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  console.log(`Created ${dir}/ (${Object.keys(files).join(', ')}).
Next: edit src/app.ts${flags.exercise ? ', checks.ts and solution/' : ''}, run \`npm run check:sandboxes\`, and embed it in a lesson
with <Sandbox name="${answers.name}" /> (listed in the lesson's sandboxes: frontmatter).`)
})
