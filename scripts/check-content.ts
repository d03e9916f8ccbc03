/**
 * `npm run check:content`: validates every topic and lesson, every sandbox (through the same
 * loader the build uses), every `<Sandbox name="…" />` tag and every `<Quiz>` and ```mermaid
 * diagram in the lessons (with the build's own MDX plugins), listing each problem with its file and field or line.
 * COURSE_CONTENT_DIR points it at another lessons folder, as it does the build.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { mdxToJs } from 'satteri'
import { DiagramError, diagramPlugin } from '../src/components/diagram/diagram-plugin.ts'
import { QuizTagError, quizTagsPlugin } from '../src/components/quiz/quiz-tags-plugin.ts'
import { findSandboxTags, loadSandboxes, SandboxLoadError } from '../src/course/sandbox-loader.ts'
import { validateContent, type ContentProblem } from '../src/course/validate-content.ts'

const { problems, lessons } = validateContent(process.env.COURSE_CONTENT_DIR || 'content/lessons')

let sandboxNames: Set<string> | undefined
try {
  sandboxNames = new Set((await loadSandboxes('sandboxes')).map((s) => s.name))
} catch (err) {
  if (!(err instanceof SandboxLoadError)) throw err
  problems.push(...err.problems.map((p): ContentProblem => ({ file: p.file, problem: p.problem })))
}

if (sandboxNames) {
  const known = [...sandboxNames].sort()
  for (const lesson of lessons) {
    // Tags are found in the body; count the frontmatter's lines so the line is the file's.
    const source = readFileSync(lesson.file, 'utf8')
    const offset = source.slice(0, source.lastIndexOf(lesson.body)).split('\n').length - 1
    for (const tag of findSandboxTags(lesson.body)) {
      if (sandboxNames.has(tag.name)) continue
      problems.push({
        file: `${lesson.file}:${tag.line + offset}`,
        problem: `<Sandbox name="${tag.name}" />: no sandbox named "${tag.name}" in sandboxes/ (known: ${known.join(', ')})`,
      })
    }
  }
}

// Quizzes and diagrams: compiled as the build compiles them, the frontmatter blanked so lines stay the file's.
for (const lesson of lessons) {
  const source = readFileSync(lesson.file, 'utf8')
  const body = source.slice(0, source.lastIndexOf(lesson.body)).replace(/[^\n]/g, ' ') + lesson.body
  const frontmatter = typeof lesson.data === 'object' && lesson.data !== null ? lesson.data : {}
  try {
    mdxToJs(body, {
      mdastPlugins: [quizTagsPlugin(), diagramPlugin()],
      fileURL: pathToFileURL(lesson.file),
      data: { astro: { frontmatter, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } },
    })
  } catch (err) {
    if (!(err instanceof QuizTagError || err instanceof DiagramError)) {
      problems.push({
        file: lesson.file,
        problem: `the MDX does not compile: ${(err as Error).message.split('\n')[0]}`,
      })
      continue
    }
    for (const line of err.message.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l))) {
      const [, file, problem] = /^(\S+:\d+:\d+): (.*)$/.exec(line)!
      problems.push({ file: file!, problem: problem! })
    }
  }
}

if (problems.length) {
  console.error(`Content check failed: ${problems.length} problem(s)\n`)
  for (const p of problems) console.error(`  ${p.file}\n    ${p.problem}`)
  process.exit(1)
}
console.log(`Content check passed: ${lessons.length} lessons, ${sandboxNames?.size ?? 0} sandboxes.`)
