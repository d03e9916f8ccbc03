/**
 * /llms.txt (llmstxt.org): what the course is and a link to the plain Markdown of every lesson,
 * by topic, for readers who hand the course to an assistant.
 */

export interface LlmsTopic {
  title: string
  summary: string
  lessons: { title: string; description: string; markdownHref: string }[]
}

export function llmsTxt(
  site: string | URL,
  course: { title: string; tagline: string; topics: LlmsTopic[] },
): string {
  const lines = [
    `# ${course.title}`,
    '',
    `> ${course.tagline}`,
    '',
    'Each lesson below is plain Markdown: its prose, its code, its sandboxes as their files, its quiz questions and its diagrams as Mermaid source. The interactive page of a lesson is the same address without `.md`.',
  ]
  for (const topic of course.topics) {
    lines.push('', `## ${topic.title}`, '', topic.summary, '')
    for (const lesson of topic.lessons) {
      lines.push(`- [${lesson.title}](${new URL(lesson.markdownHref, site).href}): ${lesson.description}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** Where a lesson's Markdown is: `/lessons/<topic>/<lesson>/` → `/lessons/<topic>/<lesson>.md`. */
export function markdownHref(lessonHref: string): string {
  return `${lessonHref.replace(/\/$/, '')}.md`
}
