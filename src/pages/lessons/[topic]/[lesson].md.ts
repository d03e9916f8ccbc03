/** `/lessons/<topic>/<lesson>.md`: the lesson as plain Markdown (src/course/lesson-markdown.ts), listed in /llms.txt. */
import { readFileSync } from 'node:fs'
import type { APIRoute, GetStaticPaths } from 'astro'
import { getCourse, type LessonInfo } from '../../../course/course.ts'
import { lessonToMarkdown, type MarkdownSandbox } from '../../../course/lesson-markdown.ts'
import { loadSandbox } from '../../../course/sandbox-loader.ts'
import { SKILLS } from '../../../course/skills.ts'

export const getStaticPaths = (async () => {
  const { lessons } = await getCourse()
  return lessons.map((lesson) => {
    const [topic, slug] = lesson.id.split('/')
    return { params: { topic, lesson: slug }, props: { lesson } }
  })
}) satisfies GetStaticPaths

export const GET: APIRoute<{ lesson: LessonInfo }> = async ({ props, site }) => {
  const { lesson } = props
  const { topics } = await getCourse()
  const topic = topics.find((t) => t.id === lesson.topicId)!
  const body = lesson.entry.body ?? ''
  const sourcePath = lesson.entry.filePath ?? `content/lessons/${lesson.id}.mdx`
  const source = readFileSync(sourcePath, 'utf8')
  const sandboxes = new Map<string, MarkdownSandbox>()
  for (const [, name] of body.matchAll(/<Sandbox name="([^"]+)"/g)) {
    const s = await loadSandbox(name!)
    sandboxes.set(name!, {
      title: s.config.title,
      files: s.config.files.map((path) => ({ path, code: s.files[path] ?? '' })),
      request: s.config.request,
    })
  }
  const markdown = lessonToMarkdown(
    {
      sourcePath,
      bodyLine: source.slice(0, Math.max(0, source.indexOf(body))).split('\n').length,
      title: lesson.title,
      description: lesson.description,
      objectives: lesson.objectives,
      topicTitle: topic.title,
      url: new URL(lesson.href, site).href,
      body,
    },
    { sandbox: (name) => sandboxes.get(name), skills: SKILLS.map((s) => s.canDo) },
  )
  return new Response(markdown, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } })
}
