/**
 * The real `astro build` must fail on bad content with the file and field named, since that is
 * what an instructor sees first. Builds a fixture course in a temp folder (COURSE_CONTENT_DIR).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function build(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'bad-content-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'lessons', path, '..'), { recursive: true })
    writeFileSync(join(root, 'lessons', path), text)
  }
  const result = spawnSync('npx', ['astro', 'build'], {
    env: {
      ...process.env,
      COURSE_CONTENT_DIR: join(root, 'lessons'),
      DIST_DIR: join(root, 'dist'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: result.status, output: (result.stdout + result.stderr).replace(/\x1b\[[0-9;]*m/g, '') }
}

const topic = JSON.stringify({
  title: 'Intro',
  summary: 'A summary long enough to be a real paragraph of text.',
  order: 1,
})
const lesson = (extra: string) =>
  `---\ntitle: First lesson\ndescription: A fixture lesson for the build error tests.\norder: 1\n${extra}objectives:\n  - Learn one thing\n---\n\n## Hi\n`

describe('astro build on bad content', { timeout: 150_000 }, () => {
  it('fails naming the lesson file and the bad field', () => {
    const { status, output } = build({
      '01-intro/topic.json': topic,
      '01-intro/01-first.mdx': lesson('minutes: "ten"\n'),
    })
    expect(status).not.toBe(0)
    expect(output).toContain('01-intro/01-first')
    expect(output).toMatch(/minutes.*(number|Expected)/)
  })

  it('fails naming the lesson whose topic.json is missing', () => {
    const { status, output } = build({ '01-intro/01-first.mdx': lesson('minutes: 10\n') })
    expect(status).not.toBe(0)
    expect(output).toMatch(/01-intro\/topic\.json\s+missing: every topic folder needs a topic\.json/)
  })

  it('fails on the rules check:content has, with the same words: two lessons with one order', () => {
    const { status, output } = build({
      '01-intro/topic.json': topic,
      '01-intro/01-first.mdx': lesson('minutes: 10\n'),
      '01-intro/02-second.mdx': lesson('minutes: 10\n'),
    })
    expect(status).not.toBe(0)
    expect(output).toMatch(/01-intro\/02-second\.mdx\s+order: 1 is also used by 01-first\.mdx/)
  })
})
