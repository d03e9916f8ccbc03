import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  lessonToMarkdown,
  LessonMarkdownError,
  tagAttributes,
  type MarkdownContext,
  type MarkdownLesson,
} from './lesson-markdown.ts'
import { loadSandbox } from './sandbox-loader.ts'

const lesson = (body: string): MarkdownLesson => ({
  sourcePath: 'content/lessons/01-x/01-y.mdx',
  title: 'Headers',
  description: 'Use headers.',
  objectives: ['Read a header', 'Set a header'],
  topicTitle: 'Web servers',
  url: 'https://course.example/lessons/01-x/01-y/',
  body,
})

const context: MarkdownContext = {
  sandbox: (name) =>
    name === 'demo'
      ? {
          title: 'A demo',
          files: [
            { path: 'src/app.ts', code: "import { Hono } from 'hono'\nexport default new Hono()\n" },
            { path: 'public/index.html', code: '<p>hi</p>\n' },
          ],
          request: {
            method: 'POST',
            path: '/hello',
            headers: { 'Content-Type': 'application/json' },
            body: '{"name":"Ada"}',
          },
        }
      : undefined,
  skills: ['Write an endpoint', 'Design a schema'],
}

describe('lessonToMarkdown', () => {
  it('starts with the title, description, topic, page URL and objectives', () => {
    const md = lessonToMarkdown(lesson('Body text.'), context)
    expect(md).toBe(
      [
        '# Headers',
        '',
        '> Use headers.',
        '',
        'Topic: Web servers. Interactive version: https://course.example/lessons/01-x/01-y/',
        '',
        'You will be able to:',
        '',
        '- Read a header',
        '- Set a header',
        '',
        'Body text.',
        '',
      ].join('\n'),
    )
  })

  it('keeps headings, prose, tables and code blocks as written, even JSX-looking code', () => {
    const body = [
      '## Reading headers',
      '',
      '| a | b |',
      '| --- | --- |',
      '',
      '```ts',
      'const x = <Sandbox name="nope" />',
      'export default app',
      '```',
    ].join('\n')
    const md = lessonToMarkdown(lesson(body), context)
    expect(md).toContain(body)
  })

  it('turns a sandbox into its title, prefilled request and files as code blocks', () => {
    const md = lessonToMarkdown(lesson('<Sandbox name="demo" open="public/index.html" />'), context)
    expect(md).toContain(
      '**Sandbox: A demo** (`demo`; edit and run it on the [lesson page](https://course.example/lessons/01-x/01-y/))',
    )
    expect(md).toContain('```http\nPOST /hello\nContent-Type: application/json\n\n{"name":"Ada"}\n```')
    expect(md).toContain(
      "`src/app.ts`:\n\n```ts\nimport { Hono } from 'hono'\nexport default new Hono()\n```",
    )
    expect(md).toContain('`public/index.html`:\n\n```html\n<p>hi</p>\n```')
  })

  it('fences code that itself contains a fence with more backticks', () => {
    const ctx: MarkdownContext = {
      ...context,
      sandbox: () => ({ title: 'T', files: [{ path: 'README.md', code: '```sh\nnpm i\n```' }] }),
    }
    expect(lessonToMarkdown(lesson('<Sandbox name="t" />'), ctx)).toContain('````md\n```sh\nnpm i\n```\n````')
  })

  it('turns a quiz into its questions and options, without the answers', () => {
    const body = [
      '## Check your understanding',
      '',
      '<Quiz>',
      '  <Question prompt="What does `304` mean?">',
      '    <Option correct explain="Same version.">Not modified</Option>',
      '    <Option explain="No.">Moved</Option>',
      '  </Question>',
      '  <Question multiple prompt="Which are headers?">',
      '    <Option correct explain="Yes.">`ETag`</Option>',
      "    <Option explain='No.'>`GET`</Option>",
      '  </Question>',
      '</Quiz>',
    ].join('\n')
    const md = lessonToMarkdown(lesson(body), context)
    expect(md).toContain(
      [
        '## Check your understanding',
        '',
        '1. What does `304` mean?',
        '   - Not modified',
        '   - Moved',
        '',
        '2. Which are headers? (choose all that apply)',
        '   - `ETag`',
        '   - `GET`',
      ].join('\n'),
    )
    expect(md).not.toContain('Same version')
    expect(md).not.toContain('<')
  })

  it('gives a diagram its alt text and keeps the Mermaid source', () => {
    const body = ['```mermaid alt="The browser asks the server."', 'flowchart LR', '  B --> S', '```'].join(
      '\n',
    )
    expect(lessonToMarkdown(lesson(body), context)).toContain(
      'Diagram: The browser asks the server.\n\n```mermaid\nflowchart LR\n  B --> S\n```',
    )
  })

  it('lists the skills of a self-assessment', () => {
    expect(lessonToMarkdown(lesson('<SelfAssessment />'), context)).toContain(
      '- Write an endpoint\n- Design a schema',
    )
  })

  it('names file and line for an unknown sandbox, an unknown component and unclosed blocks', () => {
    expect(() => lessonToMarkdown(lesson('x\n<Sandbox name="missing" />'), context)).toThrow(
      new LessonMarkdownError(
        'content/lessons/01-x/01-y.mdx:2: <Sandbox name="missing" /> names no known sandbox',
      ),
    )
    expect(() => lessonToMarkdown(lesson('<Callout>hi</Callout>'), context)).toThrow(
      /01-y\.mdx:1: <Callout> has no Markdown form/,
    )
    expect(() => lessonToMarkdown(lesson('<Quiz>\n  <Question prompt="q">'), context)).toThrow(
      /01-y\.mdx:1: <Quiz> is never closed/,
    )
    expect(() => lessonToMarkdown(lesson('```ts\nx'), context)).toThrow(/a code block is never closed/)
  })

  it('reads attributes in both quote styles and bare', () => {
    expect(tagAttributes(`<Question predict headers='{"A":"b"}' prompt="Why?">`)).toEqual({
      predict: true,
      headers: '{"A":"b"}',
      prompt: 'Why?',
    })
  })

  it('keeps a `>` inside a prompt or an explanation', () => {
    const body = [
      '<Quiz>',
      '  <Question prompt="Is `a > b` true?">',
      '    <Option explain="`<b>` > `<i>`">`<input>` wins</Option>',
      '  </Question>',
      '</Quiz>',
    ].join('\n')
    expect(lessonToMarkdown(lesson(body), context)).toContain('1. Is `a > b` true?\n   - `<input>` wins')
  })

  it('counts lines from where the body starts in the file', () => {
    expect(() =>
      lessonToMarkdown({ ...lesson('<Sandbox name="missing" />'), bodyLine: 12 }, context),
    ).toThrow(/01-y\.mdx:12: /)
  })
})

describe('every lesson of the course', () => {
  // The real content: every component in every lesson has a Markdown form, and each sandbox's
  // files appear as code.
  const root = 'content/lessons'
  const files = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => join(root, d.name, f)),
    )

  it('converts without an error, leaving no component tag outside code', async () => {
    const names = new Set(
      files.flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/<Sandbox name="([^"]+)"/g)].map((m) => m[1]!),
      ),
    )
    const sandboxes = new Map(
      await Promise.all([...names].map(async (n) => [n, await loadSandbox(n)] as const)),
    )
    expect(files.length).toBeGreaterThan(40)
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      const frontmatter = /^---\n[\s\S]*?\n---\n/.exec(source)![0]
      const body = source.slice(frontmatter.length)
      const md = lessonToMarkdown(
        { ...lesson(body), sourcePath: file, bodyLine: frontmatter.split('\n').length },
        {
          skills: ['a skill'],
          sandbox: (name) => {
            const s = sandboxes.get(name)
            return (
              s && {
                title: s.config.title,
                files: s.config.files.map((path) => ({ path, code: s.files[path] ?? '' })),
              }
            )
          },
        },
      )
      const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
      expect(outsideCode, file).not.toMatch(/^\s*<\/?(Sandbox|Quiz|Question|Option|SelfAssessment)\b/m)
      for (const name of body.matchAll(/<Sandbox name="([^"]+)"/g)) {
        const s = sandboxes.get(name[1]!)!
        expect(md, file).toContain(s.files[s.config.open]!.replace(/\n$/, ''))
      }
    }
  })
})
