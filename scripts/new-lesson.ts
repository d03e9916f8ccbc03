/**
 * `npm run new:lesson`: a new lesson file in an existing topic, numbered after the topic's last
 * lesson, with valid frontmatter, an objective, an optional sandbox, and a quiz stub under
 * "## Check your understanding" whose TODOs fail `npm run check:content` until they are written.
 * Asks for what is missing in a terminal; non-interactive:
 *
 *   npm run new:lesson -- --topic 03-web-and-application-servers --slug caching-headers \
 *     --title "Caching headers" --description "What Cache-Control and ETag tell browsers and proxies." \
 *     --objective "Choose Cache-Control for static files and API answers" [--minutes 15] [--sandbox hello-hono]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { sandboxNames } from '../src/build/mdx/sandbox-props.ts'
import { LESSON_FILE, TOPIC_DIR } from '../src/course/schema.ts'
import { splitFrontmatter } from '../src/course/validate-content.ts'
import { ask, KEBAB, readFlags, runScaffold, ScaffoldError } from './scaffold/cli.ts'
import { lessonSource } from './scaffold/lesson-template.ts'

await runScaffold(async () => {
  const root = process.env.COURSE_CONTENT_DIR || 'content/lessons'
  const topics = existsSync(root)
    ? readdirSync(root).filter((name) => TOPIC_DIR.test(name) && statSync(join(root, name)).isDirectory())
    : []
  const flags = readFlags(process.argv.slice(2), [
    'topic',
    'slug',
    'title',
    'description',
    'objective',
    'minutes',
    'sandbox',
  ])
  const answers = await ask(
    [
      {
        flag: 'topic',
        label: `Topic folder (${topics.join(', ')})`,
        check: (v) =>
          topics.includes(v)
            ? undefined
            : `no topic folder "${v}" in ${root}: expected one of ${topics.join(', ')}`,
      },
      {
        flag: 'slug',
        label: 'File name, kebab-case (e.g. caching-headers)',
        check: (v) => (KEBAB.test(v) ? undefined : 'must be kebab-case, e.g. caching-headers'),
      },
      {
        flag: 'title',
        label: 'Title',
        check: (v) => (v.length >= 3 ? undefined : 'must be at least 3 characters'),
      },
      {
        flag: 'description',
        label: 'One-sentence description',
        check: (v) => (v.length >= 20 ? undefined : 'must say what the lesson teaches (20+ characters)'),
      },
      {
        flag: 'objective',
        label: 'A learning objective ("Explain …", "Build …")',
        check: (v) => (v.length >= 5 ? undefined : 'must be at least 5 characters'),
      },
      {
        flag: 'minutes',
        label: 'Minutes to complete',
        fallback: '15',
        check: (v) =>
          /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 240
            ? undefined
            : 'must be a whole number from 1 to 240',
      },
      {
        flag: 'sandbox',
        label: 'Sandbox to embed (empty for none)',
        fallback: '-',
        check: (v) =>
          v === '-' || sandboxNames().includes(v)
            ? undefined
            : `no sandbox named "${v}" in sandboxes/ (npm run new:sandbox makes one)`,
      },
    ],
    flags,
  )

  const dir = join(root, answers.topic!)
  const lessons = readdirSync(dir).filter((f) => LESSON_FILE.test(f))
  const number = Math.max(0, ...lessons.map((f) => Number(f.slice(0, 2)))) + 1
  if (number > 99) throw new ScaffoldError(`${dir} already has lesson 99`)
  const order =
    Math.max(
      0,
      ...lessons.map((f) => {
        const { yaml } = splitFrontmatter(readFileSync(join(dir, f), 'utf8'))
        const data = (yaml ? parseYaml(yaml) : {}) as { order?: unknown }
        return typeof data?.order === 'number' ? data.order : 0
      }),
    ) + 1
  const file = join(dir, `${String(number).padStart(2, '0')}-${answers.slug}.mdx`)
  if (lessons.some((f) => f.slice(3) === `${answers.slug}.mdx`))
    throw new ScaffoldError(`${dir} already has a lesson named ${answers.slug}`)

  writeFileSync(
    file,
    lessonSource({
      title: answers.title!,
      description: answers.description!,
      order,
      minutes: Number(answers.minutes),
      objective: answers.objective!,
      ...(answers.sandbox !== '-' ? { sandbox: answers.sandbox! } : {}),
    }),
  )
  console.log(`Created ${relative(process.cwd(), file) || file}.
Next: write the lesson and its quiz (AUTHORING.md), preview it with \`npm run dev\`,
and run \`npm run check:content\`: it fails on the quiz's TODOs until you replace them.`)
})
