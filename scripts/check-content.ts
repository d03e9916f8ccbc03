/**
 * `npm run check:content`: validates every topic and lesson, every sandbox (through the same
 * loader the build uses), every `<Sandbox name="…" />` tag and every `<Quiz>` and ```mermaid
 * diagram in the lessons (with the build's own MDX plugins), listing each problem with its file and field or line.
 * COURSE_CONTENT_DIR points it at another lessons folder, as it does the build.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { mdxToJs } from 'satteri'
import { DiagramError, diagramPlugin } from '../src/build/mdx/diagram-plugin.ts'
import { QuizTagError, quizTagsPlugin } from '../src/build/mdx/quiz-tags-plugin.ts'
import { SandboxTagError, sandboxTagsPlugin } from '../src/build/mdx/sandbox-tags-plugin.ts'
import { lessonsDir } from '../src/course/lesson-paths.ts'
import { loadSandboxes, SandboxLoadError } from '../src/course/sandbox-loader.ts'
import { formatProblems, validateContent, type ContentProblem } from '../src/course/validate-content.ts'

const { problems, lessons } = validateContent(lessonsDir())

let sandboxNames: Set<string> | undefined
try {
  sandboxNames = new Set((await loadSandboxes('sandboxes')).map((s) => s.name))
} catch (err) {
  if (!(err instanceof SandboxLoadError)) throw err
  problems.push(...err.problems.map((p): ContentProblem => ({ file: p.file, problem: p.problem })))
}

// Sandbox tags, quizzes and diagrams: compiled with the build's own MDX plugins, the frontmatter blanked so lines stay the file's.
for (const lesson of lessons) {
  const source = readFileSync(lesson.file, 'utf8')
  const body = source.slice(0, source.lastIndexOf(lesson.body)).replace(/[^\n]/g, ' ') + lesson.body
  const frontmatter = typeof lesson.data === 'object' && lesson.data !== null ? lesson.data : {}
  try {
    mdxToJs(body, {
      // The sandbox rules need the sandboxes and a valid frontmatter (its `sandboxes:` list).
      mdastPlugins: [
        ...(sandboxNames && lesson.data ? [sandboxTagsPlugin()] : []),
        quizTagsPlugin(),
        diagramPlugin(),
      ],
      fileURL: pathToFileURL(lesson.file),
      data: { astro: { frontmatter, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } },
    })
  } catch (err) {
    if (!(err instanceof QuizTagError || err instanceof DiagramError || err instanceof SandboxTagError)) {
      problems.push({
        file: lesson.file,
        problem: `the MDX does not compile: ${(err as Error).message.split('\n')[0]}`,
      })
      continue
    }
    // Each problem line starts with its file and, where a tag has one, its line and column.
    for (const line of err.message.split('\n')) {
      const found = /^(\S+?\.mdx(?::\d+:\d+)?): (.*)$/.exec(line)
      if (found) problems.push({ file: found[1]!, problem: found[2]! })
    }
  }
}

if (problems.length) {
  console.error(formatProblems(problems))
  process.exit(1)
}
console.log(`Content check passed: ${lessons.length} lessons, ${sandboxNames?.size ?? 0} sandboxes.`)
