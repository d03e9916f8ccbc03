/**
 * A lesson as plain Markdown, for readers who paste it into an assistant (`/lessons/<topic>/<lesson>.md`,
 * listed in `/llms.txt`). Built from the MDX source: prose, tables and code blocks are already
 * Markdown; the lesson components become what they show on the page:
 *
 * - `<Sandbox name="…" />` → its title, prefilled request and every shown file as a code block;
 * - `<Quiz>` → its questions with their options (answers stay on the page, where they are explained);
 * - ```` ```mermaid alt="…" ```` → the alt text, then the Mermaid source;
 * - `<SelfAssessment />` → the list of skills it asks about.
 *
 * The authoring rules (AUTHORING.md) keep these tags on lines of their own with literal props,
 * so a line reader suffices; any other component is an error naming file and line, so a new
 * component cannot silently vanish from the Markdown.
 */

export interface MarkdownSandbox {
  title: string
  /** Shown files in tab order, with their starter code. */
  files: { path: string; code: string }[]
  request?: { method: string; path: string; headers?: Record<string, string>; body?: string }
}

export interface MarkdownLesson {
  /** `content/lessons/<topic>/<lesson>.mdx`, for error messages. */
  sourcePath: string
  title: string
  description: string
  objectives: string[]
  topicTitle: string
  /** Absolute URL of the lesson's page. */
  url: string
  /** The MDX body (without frontmatter). */
  body: string
  /** The line of the source file the body starts on (after the frontmatter), for error messages. */
  bodyLine?: number
}

export interface MarkdownContext {
  sandbox: (name: string) => MarkdownSandbox | undefined
  /** What `<SelfAssessment />` asks about, one line per skill. */
  skills: string[]
}

export class LessonMarkdownError extends Error {
  override name = 'LessonMarkdownError'
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/
const LANGS: Record<string, string> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  json: 'json',
  html: 'html',
  css: 'css',
  md: 'md',
  sql: 'sql',
}

/** Attributes of a one-line JSX tag as written: `a="x"`, `a='x'` and bare `a` (true). */
export function tagAttributes(tag: string): Record<string, string | true> {
  const attrs: Record<string, string | true> = {}
  // Attribute by attribute from the tag name on, so a `>` inside a quoted value does not end the tag.
  const attribute = /\s*([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'))?/y
  attribute.lastIndex = /^<\/?[A-Za-z]*/.exec(tag)![0].length
  for (let m = attribute.exec(tag); m; m = attribute.exec(tag)) attrs[m[1]!] = m[2] ?? m[3] ?? true
  return attrs
}

/** Splits one line's tag from the text after it: `<Option correct>text</Option>` → text. */
function tagText(line: string, name: string): string {
  const open =
    /^<[A-Za-z]+(?:\s+[A-Za-z][\w-]*(?:="[^"]*"|='[^']*')?)*\s*>/.exec(line)?.[0].length ??
    line.indexOf('>') + 1
  const close = line.lastIndexOf(`</${name}>`)
  return line.slice(open, close < 0 ? undefined : close).trim()
}

function fence(code: string, lang: string): string {
  // A fence longer than any backtick run inside, so code containing ``` stays one block.
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(longest + 1)
  return `${ticks}${lang}\n${code.replace(/\n$/, '')}\n${ticks}`
}

export function sandboxMarkdown(name: string, sandbox: MarkdownSandbox, url: string): string {
  const parts = [`**Sandbox: ${sandbox.title}** (\`${name}\`; edit and run it on the [lesson page](${url}))`]
  if (sandbox.request) {
    const r = sandbox.request
    const headers = Object.entries(r.headers ?? {}).map(([k, v]) => `${k}: ${v}`)
    parts.push(
      'Prefilled request:',
      fence([`${r.method} ${r.path}`, ...headers, ...(r.body ? ['', r.body] : [])].join('\n'), 'http'),
    )
  }
  for (const file of sandbox.files) {
    const ext = /\.([a-z0-9]+)$/i.exec(file.path)?.[1]?.toLowerCase() ?? ''
    parts.push(`\`${file.path}\`:`, fence(file.code, LANGS[ext] ?? ''))
  }
  return parts.join('\n\n')
}

interface QuizQuestion {
  prompt: string
  multiple: boolean
  options: string[]
}

function quizMarkdown(questions: QuizQuestion[]): string {
  return questions
    .map((q, i) => {
      const ask = q.multiple ? ' (choose all that apply)' : ''
      return [`${i + 1}. ${q.prompt}${ask}`, ...q.options.map((o) => `   - ${o}`)].join('\n')
    })
    .join('\n\n')
}

export function lessonToMarkdown(lesson: MarkdownLesson, context: MarkdownContext): string {
  const out: string[] = [
    `# ${lesson.title}`,
    '',
    `> ${lesson.description}`,
    '',
    `Topic: ${lesson.topicTitle}. Interactive version: ${lesson.url}`,
    '',
    'You will be able to:',
    '',
    ...lesson.objectives.map((o) => `- ${o}`),
    '',
  ]
  const lines = lesson.body.replace(/\r\n?/g, '\n').split('\n')
  const where = (i: number) => `${lesson.sourcePath}:${i + (lesson.bodyLine ?? 1)}`
  let openFence: string | undefined
  let quiz: { questions: QuizQuestion[]; line: number } | undefined

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fenceMatch = FENCE.exec(line)
    if (openFence !== undefined) {
      out.push(line)
      if (fenceMatch && fenceMatch[2]!.startsWith(openFence) && fenceMatch[3]!.trim() === '')
        openFence = undefined
      continue
    }
    if (fenceMatch) {
      openFence = fenceMatch[2]!
      const info = fenceMatch[3]!.trim()
      if (/^mermaid\b/.test(info)) {
        const alt = tagAttributes(`<x ${info.slice('mermaid'.length)}>`).alt
        if (typeof alt === 'string') out.push(`Diagram: ${alt}`, '')
        out.push(`${fenceMatch[1]}${openFence}mermaid`)
      } else out.push(line)
      continue
    }

    const trimmed = line.trim()
    if (quiz) {
      if (trimmed === '</Quiz>') {
        out.push(quizMarkdown(quiz.questions))
        quiz = undefined
      } else if (trimmed.startsWith('<Question')) {
        const attrs = tagAttributes(trimmed)
        if (typeof attrs.prompt !== 'string')
          throw new LessonMarkdownError(`${where(i)}: <Question> without a prompt`)
        quiz.questions.push({ prompt: attrs.prompt, multiple: attrs.multiple === true, options: [] })
      } else if (trimmed.startsWith('<Option')) {
        const question = quiz.questions.at(-1)
        if (!question) throw new LessonMarkdownError(`${where(i)}: <Option> outside a <Question>`)
        question.options.push(tagText(trimmed, 'Option'))
      } else if (trimmed !== '</Question>' && trimmed !== '') {
        throw new LessonMarkdownError(`${where(i)}: unexpected line inside <Quiz>: ${trimmed}`)
      }
      continue
    }
    if (trimmed === '<Quiz>') {
      quiz = { questions: [], line: i }
      continue
    }
    if (trimmed.startsWith('<Sandbox')) {
      const name = tagAttributes(trimmed).name
      const sandbox = typeof name === 'string' ? context.sandbox(name) : undefined
      if (typeof name !== 'string' || !sandbox) {
        throw new LessonMarkdownError(`${where(i)}: ${trimmed} names no known sandbox`)
      }
      out.push(sandboxMarkdown(name, sandbox, lesson.url))
      continue
    }
    if (/^<SelfAssessment\s*\/>$/.test(trimmed)) {
      out.push(
        'Self-assessment (rate each skill on the lesson page; your answers stay in your browser):',
        '',
        ...context.skills.map((s) => `- ${s}`),
      )
      continue
    }
    if (/^<\/?[A-Z]/.test(trimmed)) {
      throw new LessonMarkdownError(
        `${where(i)}: ${/^<\/?[A-Za-z]+/.exec(trimmed)![0]}> has no Markdown form: teach src/course/lesson-markdown.ts what it shows`,
      )
    }
    // MDX comments are for authors; they are not part of the page.
    if (/^\{\/\*.*\*\/\}$/.test(trimmed)) continue
    out.push(line)
  }
  if (openFence !== undefined)
    throw new LessonMarkdownError(`${lesson.sourcePath}: a code block is never closed`)
  if (quiz) throw new LessonMarkdownError(`${where(quiz.line)}: <Quiz> is never closed`)
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}
