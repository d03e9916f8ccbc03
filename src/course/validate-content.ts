/**
 * Validates the course folder the way the build does, but all at once and with every problem
 * listed: topic folders and their topic.json, lesson file names and frontmatter. The one set of
 * these rules: the build runs it as it starts (content-check.ts), and so does
 * `npm run check:content`. Node only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describeIssues, LESSON_FILE, lessonSchema, TOPIC_DIR, topicSchema } from './schema.ts'

export interface ContentProblem {
  file: string
  problem: string
}

export interface LessonRef {
  file: string
  topicDir: string
  data: unknown
  body: string
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/** Every problem, each as its file and then what is wrong: the build's and check:content's report. */
export function formatProblems(problems: ContentProblem[]): string {
  return `Content check failed: ${problems.length} problem(s)\n\n${problems.map((p) => `  ${p.file}\n    ${p.problem}`).join('\n')}`
}

/** A lesson's frontmatter as parsed YAML, unchecked (undefined when absent or not YAML). */
export function readFrontmatter(source: string): unknown {
  const { yaml } = splitFrontmatter(source)
  try {
    return yaml === undefined ? undefined : parseYaml(yaml)
  } catch {
    return undefined
  }
}

export function splitFrontmatter(source: string): { yaml: string | undefined; body: string } {
  const match = FRONTMATTER.exec(source)
  if (!match) return { yaml: undefined, body: source }
  return { yaml: match[1], body: source.slice(match[0].length) }
}

export function validateLessonSource(file: string, source: string): ContentProblem[] {
  const { yaml } = splitFrontmatter(source)
  if (yaml === undefined)
    return [
      {
        file,
        problem:
          'no frontmatter: start the file with a --- block (title, description, order, minutes, objectives)',
      },
    ]
  let data: unknown
  try {
    data = parseYaml(yaml)
  } catch (err) {
    return [{ file, problem: `frontmatter is not valid YAML: ${(err as Error).message.split('\n')[0]}` }]
  }
  const result = lessonSchema.safeParse(data)
  return result.success ? [] : describeIssues(result.error).map((problem) => ({ file, problem }))
}

export function validateContent(root: string): { problems: ContentProblem[]; lessons: LessonRef[] } {
  const problems: ContentProblem[] = []
  const lessons: LessonRef[] = []
  const rel = (p: string) => relative(process.cwd(), p) || p
  if (!existsSync(root))
    return { problems: [{ file: rel(root), problem: 'the lessons folder does not exist' }], lessons }

  const topicOrders = new Map<number, string>()
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name)
    if (!statSync(dir).isDirectory()) {
      // Authors' notes (DOMAIN.md: the course's running example) may sit beside the topics.
      if (name.endsWith('.md')) continue
      problems.push({
        file: rel(dir),
        problem: "only topic folders (NN-topic/) and authors' notes (NAME.md) belong in content/lessons",
      })
      continue
    }
    if (!TOPIC_DIR.test(name))
      problems.push({ file: rel(dir), problem: 'topic folders are named NN-kebab-case, e.g. 04-databases' })

    const topicFile = join(dir, 'topic.json')
    if (!existsSync(topicFile)) {
      problems.push({
        file: rel(topicFile),
        problem: 'missing: every topic folder needs a topic.json with title, summary and order',
      })
    } else {
      try {
        const result = topicSchema.safeParse(JSON.parse(readFileSync(topicFile, 'utf8')))
        if (!result.success)
          for (const problem of describeIssues(result.error)) problems.push({ file: rel(topicFile), problem })
        else {
          const other = topicOrders.get(result.data.order)
          if (other)
            problems.push({
              file: rel(topicFile),
              problem: `order: ${result.data.order} is also used by ${other}`,
            })
          topicOrders.set(result.data.order, name)
        }
      } catch (err) {
        problems.push({ file: rel(topicFile), problem: `not valid JSON: ${(err as Error).message}` })
      }
    }

    const lessonOrders = new Map<number, string>()
    const files = readdirSync(dir)
      .filter((f) => f !== 'topic.json')
      .sort()
    if (!files.some((f) => f.endsWith('.mdx')))
      problems.push({ file: rel(dir), problem: 'a topic needs at least one lesson (NN-lesson.mdx)' })
    for (const file of files) {
      const path = join(dir, file)
      if (!LESSON_FILE.test(file)) {
        problems.push({
          file: rel(path),
          problem: 'lesson files are named NN-kebab-case.mdx, e.g. 01-what-backend-is.mdx',
        })
        continue
      }
      const source = readFileSync(path, 'utf8')
      const found = validateLessonSource(rel(path), source)
      problems.push(...found)
      const { yaml, body } = splitFrontmatter(source)
      const data = found.length === 0 && yaml ? parseYaml(yaml) : undefined
      if (data) {
        const order = (data as { order: number }).order
        const other = lessonOrders.get(order)
        if (other) problems.push({ file: rel(path), problem: `order: ${order} is also used by ${other}` })
        lessonOrders.set(order, file)
      }
      lessons.push({ file: rel(path), topicDir: name, data, body })
    }
  }
  return { problems, lessons }
}
