import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateContent } from './validate-content.ts'

const lesson = (order: number) =>
  `---\ntitle: Lesson ${order}\ndescription: A lesson used by the content validation tests.\norder: ${order}\nminutes: 5\nobjectives:\n  - Something real\n---\n\nText.\n`
const topic = (order: number) =>
  JSON.stringify({ title: 'A topic', summary: 'A summary long enough to be a real paragraph.', order })

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'content-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('validateContent', () => {
  it('passes a well-formed course', () => {
    const root = fixture({
      '01-a/topic.json': topic(1),
      '01-a/01-x.mdx': lesson(1),
      '02-b/topic.json': topic(2),
      '02-b/01-y.mdx': lesson(1),
    })
    const { problems, lessons } = validateContent(root)
    expect(problems).toEqual([])
    expect(lessons).toHaveLength(2)
  })

  it('names a missing topic.json', () => {
    const root = fixture({ '01-a/01-x.mdx': lesson(1) })
    const { problems } = validateContent(root)
    expect(problems).toContainEqual({
      file: expect.stringMatching(/01-a\/topic\.json$/),
      problem: expect.stringMatching(/missing/),
    })
  })

  it('names bad topic fields, duplicate orders and badly named files', () => {
    const root = fixture({
      '01-a/topic.json': JSON.stringify({ title: 'A topic', summary: 'short', order: 1 }),
      '01-a/01-x.mdx': lesson(1),
      '01-a/02-y.mdx': lesson(1),
      '01-a/Intro.mdx': lesson(3),
      'Topic B/topic.json': topic(2),
      'Topic B/01-z.mdx': lesson(1),
    })
    const text = validateContent(root)
      .problems.map((p) => `${p.file}: ${p.problem}`)
      .join('\n')
    expect(text).toMatch(/01-a\/topic\.json: summary: must be a real paragraph/)
    expect(text).toMatch(/02-y\.mdx: order: 1 is also used by 01-x\.mdx/)
    expect(text).toMatch(/Intro\.mdx: lesson files are named NN-kebab-case\.mdx/)
    expect(text).toMatch(/Topic B: topic folders are named NN-kebab-case/)
  })

  it('validates the real course content', () => {
    const { problems, lessons } = validateContent('content/lessons')
    expect(problems).toEqual([])
    expect(lessons.length).toBeGreaterThan(0)
  })
})
