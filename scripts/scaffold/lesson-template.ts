/** The text of a new lesson (`npm run new:lesson`): valid frontmatter and a quiz stub of TODOs. */
import { stringify } from 'yaml'

export interface NewLesson {
  title: string
  description: string
  order: number
  minutes: number
  objective: string
  sandbox?: string
}

const QUESTION = `  <Question prompt="TODO: a question that tests understanding, not recall of a sentence">
    <Option correct explain="TODO: why this answer is right">TODO: the right answer</Option>
    <Option explain="TODO: why this answer is wrong">TODO: a wrong answer</Option>
  </Question>`

export function lessonSource(lesson: NewLesson): string {
  const frontmatter = stringify({
    title: lesson.title,
    description: lesson.description,
    order: lesson.order,
    minutes: lesson.minutes,
    objectives: [lesson.objective],
    ...(lesson.sandbox ? { sandboxes: [lesson.sandbox] } : {}),
  }).trimEnd()
  const sandbox = lesson.sandbox ? `\n<Sandbox name="${lesson.sandbox}" />\n` : ''
  return `---
${frontmatter}
---

{/* Write the lesson below; AUTHORING.md says how and lists what the build checks. */}

## TODO: the first section

One idea at a time, each with a worked example.
${sandbox}
## Check your understanding

{/* 3 to 6 questions. \`npm run check:content\` fails until every TODO below is written. */}

<Quiz>
${[QUESTION, QUESTION, QUESTION].join('\n')}
</Quiz>
`
}
