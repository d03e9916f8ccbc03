/** `/llms.txt`: the course and the Markdown of every lesson, for assistants (src/reach/llms-txt.ts). */
import type { APIRoute } from 'astro'
import { COURSE_TAGLINE, COURSE_TITLE, getCourse } from '../course/course.ts'
import { llmsTxt, markdownHref } from '../reach/llms-txt.ts'

export const GET: APIRoute = async ({ site }) => {
  const { topics } = await getCourse()
  const text = llmsTxt(site!, {
    title: COURSE_TITLE,
    tagline: COURSE_TAGLINE,
    topics: topics.map((t) => ({
      title: t.title,
      summary: t.summary,
      lessons: t.lessons.map((l) => ({
        title: l.title,
        description: l.description,
        markdownHref: markdownHref(l.href),
      })),
    })),
  })
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
