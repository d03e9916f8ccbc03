import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { mdxToJs } from 'satteri'
import { beforeAll, describe, expect, test } from 'vitest'
import { checkSandboxProps } from './sandbox-props.ts'
import { sandboxTagsPlugin } from './sandbox-tags-plugin.ts'

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sandbox-tags-'))
  for (const name of ['hello-hono', 'hello-json-post']) {
    mkdirSync(join(root, 'sandboxes', name), { recursive: true })
    writeFileSync(join(root, 'sandboxes', name, 'sandbox.json'), '{}')
  }
  mkdirSync(join(root, 'sandboxes', 'not-a-sandbox'))
})

async function compile(body: string, frontmatter: Record<string, unknown> = { sandboxes: ['hello-hono'] }) {
  const file = join(root, 'content/lessons/01-topic/01-lesson.mdx')
  return mdxToJs(body, {
    mdastPlugins: [sandboxTagsPlugin({ root })],
    fileURL: pathToFileURL(file),
    data: { astro: { frontmatter, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } },
  })
}

describe('sandboxTagsPlugin', () => {
  test('accepts a known sandbox listed in the frontmatter', async () => {
    await expect(compile('# Title\n\n<Sandbox name="hello-hono" />\n')).resolves.toBeDefined()
    await expect(compile('<Sandbox name="hello-hono" open="src/app.ts" />\n')).resolves.toBeDefined()
    await expect(compile("<Sandbox name={'hello-hono'} />\n")).resolves.toBeDefined()
  })

  test('an unknown name fails with the lesson file, line, and a suggestion', async () => {
    await expect(compile('Text\n\n<Sandbox name="helo-hono" />\n')).rejects.toThrow(
      /^content\/lessons\/01-topic\/01-lesson\.mdx:3:1: <Sandbox name="helo-hono" \/>: no sandbox named "helo-hono": expected one of "hello-hono", "hello-json-post" \(did you mean "hello-hono"\?\)/,
    )
  })

  test('bad props fail naming what was received', async () => {
    await expect(compile('<Sandbox />\n')).rejects.toThrow(
      /01-lesson\.mdx:1:1: <Sandbox \/>: missing prop "name"/,
    )
    await expect(compile('<Sandbox name="hello-hono" file="x" />\n')).rejects.toThrow(
      /unknown prop "file": <Sandbox> accepts name and open/,
    )
    await expect(compile('<Sandbox name={sandboxName} />\n')).rejects.toThrow(
      /prop "name" is the expression \{sandboxName\}/,
    )
    await expect(compile('<Sandbox name="hello-hono" open />\n')).rejects.toThrow(
      /prop "open" must be a file path string, received boolean true/,
    )
  })

  test('the frontmatter sandboxes: list must match the tags', async () => {
    await expect(compile('<Sandbox name="hello-json-post" />\n')).rejects.toThrow(
      /<Sandbox name="hello-json-post" \/> is not listed in the frontmatter: add it to "sandboxes:" \(found "hello-hono"\)/,
    )
    await expect(compile('No tags here.\n')).rejects.toThrow(
      /frontmatter "sandboxes:" lists "hello-hono" but the lesson has no <Sandbox name="hello-hono" \/>/,
    )
    await expect(compile('No tags, no list.\n', {})).resolves.toBeDefined()
  })
})

test('checkSandboxProps lists every problem', () => {
  expect(checkSandboxProps({ name: 'hello-hono' }, ['hello-hono'])).toEqual([])
  expect(checkSandboxProps({ name: 3, extra: 1 }, ['hello-hono'])).toEqual([
    'unknown prop "extra": <Sandbox> accepts name and open, e.g. <Sandbox name="hello-hono" /> (optional: open="src/app.ts")',
    'prop "name" must be a string, received number 3',
  ])
  expect(checkSandboxProps({ name: 'zzz' }, [])).toEqual([
    'no sandbox named "zzz": expected one of (none: sandboxes/ is empty)',
  ])
})
