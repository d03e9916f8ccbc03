/**
 * `npm run new:sandbox` and `npm run new:lesson`, run as an author would (non-interactively),
 * in a scratch course folder: the sandbox passes `check:sandboxes` as scaffolded, the lesson's
 * quiz stub fails `check:content` naming each TODO with file and line, and once the TODOs are
 * written the lesson passes.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')
const node = join(repo, 'node_modules/.bin/node')
let root: string

function run(script: string, args: string[] = []) {
  const result = spawnSync(node, [join(repo, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COURSE_CONTENT_DIR: '' },
    input: '',
  })
  return { status: result.status, output: result.stdout + result.stderr }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'scaffold-'))
  mkdirSync(join(root, 'content/lessons/01-intro'), { recursive: true })
  mkdirSync(join(root, 'sandboxes'))
  cpSync(join(repo, 'package.json'), join(root, 'package.json'))
  // checks.ts imports ../../src/sandbox/checks.ts, and sandboxes resolve hono from node_modules.
  symlinkSync(join(repo, 'src'), join(root, 'src'), 'dir')
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir')
  writeFileSync(
    join(root, 'content/lessons/01-intro/topic.json'),
    JSON.stringify({
      title: 'Intro',
      summary: 'A summary long enough to be a real paragraph of text.',
      order: 1,
    }),
  )
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

test(
  'new:sandbox --exercise makes a sandbox that check:sandboxes accepts, with the course versions',
  { timeout: 60_000 },
  () => {
    const made = run('new-sandbox.ts', ['--name', 'greet', '--title', 'Greeting as JSON', '--exercise'])
    expect(made.output).toContain('Created sandboxes/greet/')
    expect(made.status).toBe(0)
    const pkg = JSON.parse(readFileSync(join(root, 'sandboxes/greet/package.json'), 'utf8'))
    const course = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    expect(pkg.dependencies.hono).toBe(course.dependencies.hono)
    expect(pkg.dependencies['@hono/node-server']).toBe(course.dependencies['@hono/node-server'])

    const checked = run('check-sandboxes.ts')
    expect(checked.output).toContain('greet: runs under Node')
    expect(checked.output).toMatch(/starter fails 1 of 1 checks, solution passes 1 of 1/)
    expect(checked.status).toBe(0)

    expect(run('new-sandbox.ts', ['--name', 'greet', '--title', 'Again']).output).toContain(
      'sandboxes/greet already exists',
    )
    expect(run('new-sandbox.ts', ['--name', 'Bad Name', '--title', 'x y z']).output).toContain(
      'must be kebab-case',
    )
  },
)

test(
  'new:lesson makes a lesson whose quiz stub fails check:content until it is written',
  { timeout: 60_000 },
  () => {
    const missing = run('new-lesson.ts', ['--topic', '01-intro', '--slug', 'first'])
    expect(missing.status).toBe(1)
    expect(missing.output).toContain('Error: missing --title')

    const made = run('new-lesson.ts', [
      '--topic',
      '01-intro',
      '--slug',
      'first',
      '--title',
      'First lesson',
      '--description',
      'A lesson made by the scaffold test.',
      '--objective',
      'Call GET /hello and read its JSON',
      '--sandbox',
      'greet',
    ])
    expect(made.status).toBe(0)
    const file = join(root, 'content/lessons/01-intro/01-first.mdx')
    const source = readFileSync(file, 'utf8')
    expect(source).toMatch(
      /^---\ntitle: First lesson\n[\s\S]*objectives:\n {2}- Call GET \/hello and read its JSON\nsandboxes:\n {2}- greet\n---\n/,
    )
    expect(source).toContain('<Sandbox name="greet" />')

    const stub = run('check-content.ts')
    expect(stub.status).toBe(1)
    const quizLine = source.split('\n').findIndex((l) => l.includes('<Question')) + 1
    expect(stub.output).toContain(`content/lessons/01-intro/01-first.mdx:${quizLine}:3`)
    expect(stub.output).toContain(
      'prompt="…" is a TODO placeholder: write a question that tests understanding',
    )
    expect(stub.output).toContain(
      'option A ("TODO: the right answer") is a TODO placeholder: write a real answer',
    )

    let n = 0
    const written = source
      .replace(
        /TODO: a question that tests understanding, not recall of a sentence/g,
        () => `Question ${++n}: what does GET /hello answer?`,
      )
      .replace(/TODO: why this answer is right/g, 'The app answers JSON.')
      .replace(/TODO: why this answer is wrong/g, 'The app answers JSON, not text.')
      .replace(/TODO: the right answer/g, 'A JSON greeting')
      .replace(/TODO: a wrong answer/g, 'Plain text')
    writeFileSync(file, written)
    const done = run('check-content.ts')
    expect(done.output).toContain('Content check passed: 1 lessons, 1 sandboxes.')
    expect(done.status).toBe(0)

    // The next lesson in the topic is numbered and ordered after it.
    run('new-lesson.ts', [
      '--topic',
      '01-intro',
      '--slug',
      'second',
      '--title',
      'Second lesson',
      '--description',
      'Another lesson made by the test.',
      '--objective',
      'Learn a second thing',
    ])
    expect(readFileSync(join(root, 'content/lessons/01-intro/02-second.mdx'), 'utf8')).toMatch(/\norder: 2\n/)
  },
)
