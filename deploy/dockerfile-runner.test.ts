import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { buildImage } from './dockerfile-runner.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function build(dockerfile: string, buildArgs?: Record<string, string>) {
  const context = mkdtempSync(join(tmpdir(), 'dockerfile-runner-'))
  dirs.push(context)
  writeFileSync(join(context, 'Dockerfile'), dockerfile)
  const image = buildImage(join(context, 'Dockerfile'), {
    context,
    into: join(context, 'stages'),
    env: { PATH: process.env.PATH },
    ...(buildArgs ? { buildArgs } : {}),
  })
  return { image, read: (path: string) => readFileSync(join(image.root, path), 'utf8') }
}

const STAGE = `FROM base AS only
WORKDIR /app
ARG COURSE_ORIGIN
ARG GREETING=hello
RUN echo "\${COURSE_ORIGIN:-unset} \${GREETING}" > out.txt
`

test("a stage's ARG reaches its RUN steps from --build-arg, or its default, and is not kept in the image", () => {
  const given = build(STAGE, { COURSE_ORIGIN: 'https://course.example' })
  expect(given.read('app/out.txt')).toBe('https://course.example hello\n')
  expect(given.image.env).toEqual({})

  // No --build-arg: an ARG without a default stays unset, as in Docker.
  expect(build(STAGE).read('app/out.txt')).toBe('unset hello\n')
  expect(build(STAGE, { GREETING: 'hi' }).read('app/out.txt')).toBe('unset hi\n')
})
